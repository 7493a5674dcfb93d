package dev.preflight.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.preflight.checklist.ChecklistParser;
import dev.preflight.checklist.Item;

class PhraseTest {

    @Test
    void aLiteralRunIsItsOwnClue() {
        assertThat(Phrase.clues("metrics endpoint")).containsExactly("metrics endpoint");
        assertThat(Phrase.clues("\\.env\\b.*gitignore")).containsExactly("gitignore");
    }

    @Test
    void optionalAndRepeatedCharactersEndTheRun() {
        assertThat(Phrase.clues("backups?")).containsExactly("backup");
        assertThat(Phrase.clues("health\\s*(check)?\\s*endpoint")).containsExactly("endpoint");
        assertThat(Phrase.clues("\\d{1,9}abc")).containsExactly("abc");
    }

    @Test
    void alternativesGiveOneClueEach() {
        assertThat(Phrase.clues("readiness probe|liveness probe")).containsExactly("liveness probe", "readiness probe");
        assertThat(Phrase.clues("\\b(admin|debug|actuator) (endpoints?|panel)")).containsExactly("actuator", "admin", "debug");
        assertThat(Phrase.clues("[<≤]\\s*\\d+\\s*ms")).containsExactly("ms");
        assertThat(Phrase.clues("[<≤]\\s*\\d+")).containsExactly("<", "≤");
    }

    @Test
    void anAlternativeWithoutAClueMeansTheRegexAlwaysRuns() {
        assertThat(Phrase.clues("runbook|\\d+")).isEmpty();
        assertThat(Phrase.clues("(?!no)x")).isEmpty();
        assertThat(Phrase.clues("(metrics)?")).isEmpty();
    }

    @Test
    void theIndexMatchesExactlyWhatTheRegexesMatchOnRealItems() throws Exception {
        List<String> texts = new ArrayList<>();
        for (String name : List.of("flask-image-upscaler.md", "django-file-to-api.md", "fastapi-ml-service.md")) {
            for (Item item : new ChecklistParser().parse(resource(name)).items()) {
                texts.add(item.text());
                texts.add(String.join(" › ", item.section()) + " › " + item.text());
            }
        }
        Catalog catalog = Catalog.standard();
        List<String> disagreements = new ArrayList<>();
        for (String text : texts) {
            List<String> byRegex = catalog.entries().stream()
                    .filter(e -> e.phrases().stream().anyMatch(p -> p.pattern().matcher(text).find()))
                    .map(CatalogEntry::id).toList();
            List<String> byIndex = catalog.phraseIndex().match(text).stream().map(CatalogEntry::id).toList();
            if (!byIndex.equals(byRegex)) {
                disagreements.add(text + ": regex " + byRegex + ", index " + byIndex);
            }
        }
        assertThat(disagreements).isEmpty();
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(PhraseTest.class.getResource("/checklists/" + name).toURI());
    }
}
