package dev.preflight.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ItemIdsTest {

    @Test
    void idIsTheInnermostHeadingAndTheWords() {
        assertThat(ItemIds.derive(List.of("Checklist", "Pre-Deployment", "Security"), "Set `DEBUG=False`"))
                .isEqualTo("security/set-debug-false");
    }

    @Test
    void outerHeadingsDoNotCount() {
        assertThat(ItemIds.derive(List.of("Old title", "Ops"), "Enable backups"))
                .isEqualTo(ItemIds.derive(List.of("New title", "Moved", "Ops"), "Enable backups"));
    }

    @Test
    void noSectionMeansTheWordsAlone() {
        assertThat(ItemIds.derive(List.of(), "Ship it")).isEqualTo("ship-it");
    }

    @Test
    void wordlessItemsAndEmojiSectionsStillGetAnId() {
        assertThat(ItemIds.derive(List.of("🚀"), "✅")).isEqualTo("item");
        assertThat(ItemIds.derive(List.of("🚀 Deploy"), "Go")).isEqualTo("deploy/go");
    }

    @Test
    void longTextIsCutAtAWordBoundary() {
        String id = ItemIds.derive(List.of("Security"), "Generate new SECRET_KEY (never use development key in production)");
        assertThat(id).isEqualTo("security/generate-new-secret-key-never-use-development");
        assertThat(id.substring("security/".length())).hasSizeLessThanOrEqualTo(48);
    }

    @Test
    void accentsFoldAndPunctuationCollapses() {
        assertThat(ItemIds.slug("Déploiement — «vérifié»!")).isEqualTo("deploiement-verifie");
        assertThat(ItemIds.slug("  ..Rate   limiting.. ")).isEqualTo("rate-limiting");
    }

    @Test
    void mojibakeSlugsLikeTheTextItWasMeantToBe() {
        assertThat(ItemIds.slug("‚úÖ Code Quality & Testing")).isEqualTo(ItemIds.slug("✅ Code Quality & Testing"));
        assertThat(ItemIds.slug("\uF8FFüîÑ Pre-Launch Tasks")).isEqualTo("pre-launch-tasks");
        assertThat(ItemIds.slug("âœ… Security")).isEqualTo("security");
        assertThat(ItemIds.unmangle("café")).isEqualTo("café");
        assertThat(ItemIds.unmangle("plain")).isEqualTo("plain");
    }

    @Test
    void sameInputSameId() {
        assertThat(ItemIds.derive(List.of("Daily"), "Check error logs"))
                .isEqualTo(ItemIds.derive(List.of("Daily"), "Check   error logs"));
    }
}
