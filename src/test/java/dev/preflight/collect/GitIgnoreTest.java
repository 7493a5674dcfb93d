package dev.preflight.collect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GitIgnoreTest {

    private static boolean ignored(String gitignore, String path) {
        return GitIgnore.parse(gitignore).ignoring(path).isPresent();
    }

    @Test
    void plainNameMatchesAtAnyDepth() {
        assertThat(ignored(".env\n", ".env")).isTrue();
        assertThat(ignored(".env\n", "services/api/.env")).isTrue();
        assertThat(ignored(".env\n", ".env.example")).isFalse();
        assertThat(ignored(".env\n", "my.env")).isFalse();
    }

    @Test
    void commentsAndBlankLinesAreNotRules() {
        GitIgnore rules = GitIgnore.parse("# secrets\n\n.env   \n\\#literal\n");
        assertThat(rules.ignoring(".env")).get().extracting(GitIgnore.Rule::line).isEqualTo(3);
        assertThat(rules.ignoring("#literal")).isPresent();
        assertThat(rules.ignoring("# secrets")).isEmpty();
    }

    @Test
    void lastMatchingRuleDecidesSoNegationReincludes() {
        String rules = ".env*\n!.env.example\n";
        assertThat(ignored(rules, ".env.production")).isTrue();
        assertThat(ignored(rules, ".env.example")).isFalse();
        assertThat(ignored("!.env\n.env\n", ".env")).isTrue();
    }

    @Test
    void leadingOrMiddleSlashAnchorsToTheGitignoresDirectory() {
        assertThat(ignored("/.env\n", ".env")).isTrue();
        assertThat(ignored("/.env\n", "api/.env")).isFalse();
        assertThat(ignored("config/.env\n", "config/.env")).isTrue();
        assertThat(ignored("config/.env\n", "app/config/.env")).isFalse();
    }

    @Test
    void doubleStarMatchesAnyNumberOfDirectories() {
        assertThat(ignored("**/.env\n", ".env")).isTrue();
        assertThat(ignored("**/.env\n", "a/b/c/.env")).isTrue();
        assertThat(ignored("secrets/**\n", "secrets/prod/.env")).isTrue();
        assertThat(ignored("a/**/b.env\n", "a/b.env")).isTrue();
        assertThat(ignored("a/**/b.env\n", "a/x/y/b.env")).isTrue();
        assertThat(ignored("a/**/b.env\n", "c/a/b.env")).isFalse();
    }

    @Test
    void singleStarAndQuestionMarkStayWithinOneDirectory() {
        assertThat(ignored("config/*.env\n", "config/prod.env")).isTrue();
        assertThat(ignored("config/*.env\n", "config/deep/prod.env")).isFalse();
        assertThat(ignored(".env.?\n", ".env.1")).isTrue();
        assertThat(ignored(".env.?\n", ".env.12")).isFalse();
    }

    @Test
    void trailingSlashMatchesOnlyDirectoriesAndEverythingInThem() {
        assertThat(ignored("secrets/\n", "secrets/.env")).isTrue();
        assertThat(ignored("secrets/\n", "secrets")).isFalse();
        assertThat(ignored(".env/\n", ".env")).isFalse();
    }

    @Test
    void characterClassesIncludingNegatedOnes() {
        assertThat(ignored(".env.[ps]*\n", ".env.production")).isTrue();
        assertThat(ignored(".env.[ps]*\n", ".env.staging")).isTrue();
        assertThat(ignored(".env.[ps]*\n", ".env.local")).isFalse();
        assertThat(ignored(".env.[!e]*\n", ".env.local")).isTrue();
        assertThat(ignored(".env.[!e]*\n", ".env.example")).isFalse();
        assertThat(ignored("[0-9].env\n", "7.env")).isTrue();
    }

    @Test
    void aFileInsideAnIgnoredDirectoryCannotBeReincluded() {
        String rules = "config/\n!config/.env\n";
        assertThat(GitIgnore.parse(rules).ignoring("config/.env")).get()
                .extracting(GitIgnore.Rule::text).isEqualTo("config/");
        assertThat(ignored("config/*\n!config/.env\n", "config/.env")).isFalse();
    }

    @Test
    void crlfLineEndsAreRead() {
        assertThat(ignored("node_modules\r\n.env\r\n", ".env")).isTrue();
    }
}
