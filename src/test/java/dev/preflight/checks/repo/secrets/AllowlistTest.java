package dev.preflight.checks.repo.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.re2j.Pattern;

import dev.preflight.checks.repo.secrets.Allowlist.Condition;

class AllowlistTest {
    private static final String PATH = "tests/fixtures/login.json";
    private static final String SECRET = "ghp_" + "Zq8".repeat(12);
    private static final String MATCH = "token: " + SECRET;
    private static final String LINE = "  " + MATCH + "  # fixture for the login test";

    private static List<Pattern> patterns(String... regexes) {
        return List.of(regexes).stream().map(Pattern::compile).toList();
    }

    private static Allowlist regexes(String target, String... regexes) {
        return new Allowlist("", Condition.OR, List.of(), patterns(regexes), target, List.of(), List.of());
    }

    private static Allowlist and(List<Pattern> paths, List<Pattern> regexes, List<String> stopwords, List<String> commits) {
        return new Allowlist("", Condition.AND, paths, regexes, "secret", stopwords, commits);
    }

    @Test
    void pathsAreSearchedNotAnchored() {
        Allowlist fixtures = new Allowlist("", Condition.OR, patterns("(^|/)fixtures/", "\\.snap$"), List.of(), "secret", List.of(),
                List.of());

        assertThat(fixtures.allowsPath(PATH)).isTrue();
        assertThat(fixtures.allowsPath("ui/__snapshots__/app.test.js.snap")).isTrue();
        assertThat(fixtures.allowsPath("src/fixturesloader.py")).isFalse();
        assertThat(fixtures.allows(PATH, SECRET, MATCH, LINE)).isTrue();
    }

    @Test
    void regexesTargetTheSecretByDefault() {
        assertThat(regexes("secret", "^ghp_Zq8").allows(PATH, SECRET, MATCH, LINE)).isTrue();
        assertThat(regexes("secret", "token:").allows(PATH, SECRET, MATCH, LINE)).isFalse();
    }

    @Test
    void regexTargetMatchAndLineWidenWhatIsSearched() {
        assertThat(regexes("match", "^token: ghp_").allows(PATH, SECRET, MATCH, LINE)).isTrue();
        assertThat(regexes("match", "fixture").allows(PATH, SECRET, MATCH, LINE)).isFalse();
        assertThat(regexes("line", "# fixture for").allows(PATH, SECRET, MATCH, LINE)).isTrue();
    }

    @Test
    void anyRegexOfTheListIsEnough() {
        assertThat(regexes("secret", "nope", "Zq8Zq8").allows(PATH, SECRET, MATCH, LINE)).isTrue();
    }

    @Test
    void stopwordsAreSearchedInTheSecretIgnoringCase() {
        Allowlist stopwords = new Allowlist("", Condition.OR, List.of(), List.of(), "secret", List.of("ZQ8ZQ8", "client"), List.of());

        assertThat(stopwords.allows(PATH, SECRET, MATCH, LINE)).isTrue();
        assertThat(stopwords.allows(PATH, "q9w8e7r6t5y4", "client_secret = q9w8e7r6t5y4", "client_secret = q9w8e7r6t5y4"))
                .as("a stopword in the line but not in the secret does not allow it").isFalse();
    }

    @Test
    void commitsNeverAllowAFindingInTheWorkTree() {
        Allowlist commits = new Allowlist("", Condition.OR, List.of(), List.of(), "secret", List.of(), List.of("9f2c1e0a"));

        assertThat(commits.allows(PATH, SECRET, MATCH, LINE)).isFalse();
        assertThat(commits.allowsPath(PATH)).isFalse();
    }

    @Test
    void withConditionAndEveryPartGivenMustMatch() {
        Allowlist fixtureTokensInTests = and(patterns("^tests/"), List.of(), List.of("zq8zq8"), List.of());

        assertThat(fixtureTokensInTests.allows(PATH, SECRET, MATCH, LINE)).isTrue();
        assertThat(fixtureTokensInTests.allows("src/app.py", SECRET, MATCH, LINE)).isFalse();
        assertThat(fixtureTokensInTests.allows(PATH, "ghp_" + "Ab1".repeat(12), MATCH, LINE)).isFalse();
        assertThat(fixtureTokensInTests.allowsPath(PATH)).as("the path alone does not decide").isFalse();
    }

    @Test
    void withConditionAndAPathOnlyTableStillSkipsTheFile() {
        assertThat(and(patterns("^tests/"), List.of(), List.of(), List.of()).allowsPath(PATH)).isTrue();
    }

    @Test
    void withConditionAndCommitsOrNothingGivenAllowNothing() {
        assertThat(and(patterns("^tests/"), List.of(), List.of(), List.of("9f2c1e0a")).allows(PATH, SECRET, MATCH, LINE)).isFalse();
        assertThat(and(List.of(), List.of(), List.of(), List.of()).allows(PATH, SECRET, MATCH, LINE)).isFalse();
    }
}
