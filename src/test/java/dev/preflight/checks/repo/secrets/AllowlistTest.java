package dev.preflight.checks.repo.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.re2j.Pattern;

class AllowlistTest {
    private static final String SECRET = "ghp_" + "Zq8".repeat(12);
    private static final String MATCH = "token: " + SECRET;
    private static final String LINE = "  " + MATCH + "  # fixture for the login test";

    private static Allowlist regexes(String target, String... regexes) {
        return new Allowlist("", List.of(), List.of(regexes).stream().map(Pattern::compile).toList(), target, List.of(), List.of());
    }

    @Test
    void pathsAreSearchedNotAnchored() {
        Allowlist fixtures = new Allowlist("", List.of(Pattern.compile("(^|/)fixtures/"), Pattern.compile("\\.snap$")), List.of(),
                "secret", List.of(), List.of());

        assertThat(fixtures.allowsPath("tests/fixtures/login.json")).isTrue();
        assertThat(fixtures.allowsPath("ui/__snapshots__/app.test.js.snap")).isTrue();
        assertThat(fixtures.allowsPath("src/fixturesloader.py")).isFalse();
        assertThat(Allowlist.NONE.allowsPath("anything")).isFalse();
    }

    @Test
    void regexesTargetTheSecretByDefault() {
        assertThat(regexes("secret", "^ghp_Zq8").allows(SECRET, MATCH, LINE)).isTrue();
        assertThat(regexes("secret", "token:").allows(SECRET, MATCH, LINE)).isFalse();
    }

    @Test
    void regexTargetMatchAndLineWidenWhatIsSearched() {
        assertThat(regexes("match", "^token: ghp_").allows(SECRET, MATCH, LINE)).isTrue();
        assertThat(regexes("match", "fixture").allows(SECRET, MATCH, LINE)).isFalse();
        assertThat(regexes("line", "# fixture for").allows(SECRET, MATCH, LINE)).isTrue();
    }

    @Test
    void anyRegexOfTheListIsEnough() {
        assertThat(regexes("secret", "nope", "Zq8Zq8").allows(SECRET, MATCH, LINE)).isTrue();
    }

    @Test
    void stopwordsAreSearchedInTheSecretIgnoringCase() {
        Allowlist stopwords = new Allowlist("", List.of(), List.of(), "secret", List.of("ZQ8ZQ8", "client"), List.of());

        assertThat(stopwords.allows(SECRET, MATCH, LINE)).isTrue();
        assertThat(stopwords.allows("q9w8e7r6t5y4", "client_secret = q9w8e7r6t5y4", "client_secret = q9w8e7r6t5y4"))
                .as("a stopword in the line but not in the secret does not allow it").isFalse();
    }

    @Test
    void commitsNeverAllowAFindingInTheWorkTree() {
        Allowlist commits = new Allowlist("", List.of(), List.of(), "secret", List.of(), List.of("9f2c1e0a"));

        assertThat(commits.allows(SECRET, MATCH, LINE)).isFalse();
        assertThat(commits.allowsPath("a.py")).isFalse();
    }
}
