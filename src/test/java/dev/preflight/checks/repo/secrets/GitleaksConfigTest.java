package dev.preflight.checks.repo.secrets;

import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.collect.CannotParse;
import dev.preflight.collect.RepoSnapshot;

/** {@code .gitleaks.toml} files as gitleaks users write them (the format of gitleaks' README and default config). */
class GitleaksConfigTest {
    private static final Random RANDOM = new Random(31);
    private static final String ACME = "acme_" + "k3j5h6g7f8d9s0a1q2w3e4r5";
    private static final String GITHUB = "ghp_" + Planted.pick(RANDOM, Planted.ALNUM, 36);
    private static final String GITLAB = "glpat-" + Planted.pick(RANDOM, Planted.ALNUM, 20);

    private static final String ACME_RULE = """
            [[rules]]
            id = "acme-internal-token"
            description = "ACME internal API token"
            regex = '''acme_([a-z0-9]{24})'''
            keywords = ["ACME_"]
            """;

    @TempDir
    Path dir;

    private static List<String> ids(GitleaksConfig config) {
        return config.rules().stream().map(Rule::id).toList();
    }

    private static List<String> builtInIds() {
        return DefaultRules.rules().stream().map(Rule::id).toList();
    }

    /** Every finding of a real scan of the temp repository with the config, as "path:line rule-id". */
    private List<String> scan(GitleaksConfig config) {
        return Scanner.scan(new RepoSnapshot(dir), config.ruleSet()).findings().stream()
                .map(f -> f.path() + ":" + f.line() + " " + f.ruleId()).sorted().toList();
    }

    @Test
    void withoutExtendTheProjectRulesAreTheOnlyRules() throws Exception {
        GitleaksConfig config = GitleaksConfig.parse("title = \"acme gitleaks config\"\n\n" + ACME_RULE);

        assertThat(config.extendsDefaults()).isFalse();
        assertThat(ids(config)).containsExactly("acme-internal-token");
        assertThat(config.problems()).isEmpty();
    }

    @Test
    void extendUseDefaultAddsTheProjectRulesToTheBuiltInOnesAndDisabledRulesDropsSome() throws Exception {
        GitleaksConfig config = GitleaksConfig.parse("""
                [extend]
                useDefault = true
                disabledRules = ["jwt", "generic-secret"]

                """ + ACME_RULE);

        assertThat(config.extendsDefaults()).isTrue();
        assertThat(ids(config)).contains("github-pat", "acme-internal-token").doesNotContain("jwt", "generic-secret")
                .hasSize(builtInIds().size() - 2 + 1);
    }

    /** gitleaks' README: "You can extend a particular rule from the default config ... all the other attributes are inherited". */
    @Test
    void aRuleWithABuiltInIdExtendsThatRuleWithAnAllowlist() throws Exception {
        write(dir, "ci/a.txt", "token: " + GITLAB + "\n");
        write(dir, "ci/b.txt", "prefix = MY-" + GITLAB + "\n");
        GitleaksConfig config = GitleaksConfig.parse("""
                [extend]
                useDefault = true

                [[rules]]
                id = "gitlab-pat"

                    [[rules.allowlists]]
                    regexTarget = "line"
                    regexes = [ '''MY-glpat-''' ]
                """);

        assertThat(config.problems()).isEmpty();
        assertThat(ids(config)).isEqualTo(builtInIds());
        assertThat(scan(config)).containsExactly("ci/a.txt:1 gitlab-pat");
    }

    @Test
    void aRuleWithABuiltInIdOverridesTheFieldsItSetsAndAddsKeywords() throws Exception {
        String own = "mygl-" + Planted.pick(RANDOM, Planted.ALNUM, 20);
        write(dir, "ci/a.txt", GITLAB + "\n" + own + "\n");
        GitleaksConfig config = GitleaksConfig.parse("""
                [extend]
                useDefault = true

                [[rules]]
                id = "gitlab-pat"
                description = "GitLab token, with our instance's custom prefix"
                regex = '''(?:glpat|mygl)-[A-Za-z0-9_-]{20,}'''
                keywords = ["mygl-"]
                """);

        Rule merged = config.rules().stream().filter(r -> r.id().equals("gitlab-pat")).findFirst().orElseThrow();
        assertThat(merged.description()).isEqualTo("GitLab token, with our instance's custom prefix");
        assertThat(merged.keywords()).containsExactly("glpat-", "mygl-");
        assertThat(scan(config)).containsExactly("ci/a.txt:1 gitlab-pat", "ci/a.txt:2 gitlab-pat");
    }

    @Test
    void withoutExtendARuleNeedsItsOwnRegexEvenWithABuiltInId() throws Exception {
        GitleaksConfig config = GitleaksConfig.parse("""
                [[rules]]
                id = "gitlab-pat"
                [[rules.allowlists]]
                regexes = [ '''MY-glpat-''' ]
                """);

        assertThat(ids(config)).isEmpty();
        assertThat(config.problems()).containsExactly("rule 'gitlab-pat': has no regex (path-only rules are not supported), ignored");
    }

    /** gitleaks' README: 'The "AND" condition can be used to make sure all criteria match.' */
    @Test
    void anAndAllowlistAllowsOnlyWhenEveryPartItGivesMatches() throws Exception {
        String fixture = "ghp_" + "fixture" + Planted.pick(RANDOM, Planted.ALNUM, 29);
        write(dir, "tests/login_test.py", "TOKEN = '" + fixture + "'\n");
        write(dir, "tests/leak.py", "TOKEN = '" + GITHUB + "'\n");
        write(dir, "src/app.py", "TOKEN = '" + fixture + "'\n");
        GitleaksConfig config = GitleaksConfig.parse("""
                [extend]
                useDefault = true

                [[allowlists]]
                description = "fixture tokens in the tests"
                condition = "AND"
                paths = ['''^tests/''']
                stopwords = ["fixture"]
                """);

        assertThat(config.problems()).isEmpty();
        assertThat(scan(config)).containsExactly("src/app.py:1 github-pat", "tests/leak.py:1 github-pat");
    }

    @Test
    void aRuleAllowlistWithConditionAndNeedsItsPathAndItsRegex() throws Exception {
        write(dir, "web/package-lock.json.txt", "acme_" + "parseuri" + "h6g7f8d9s0a1q2w3\n" + ACME + "\n");
        write(dir, "web/app.js", "acme_" + "parseuri" + "h6g7f8d9s0a1q2w3\n");
        GitleaksConfig config = GitleaksConfig.parse(ACME_RULE + """
                    [[rules.allowlists]]
                    condition = "AND"
                    regexTarget = "match"
                    regexes = [ '''(?i)parseur[il]''' ]
                    paths = [ '''package-lock\\.json''' ]
                """);

        assertThat(scan(config)).containsExactly("web/app.js:1 acme-internal-token", "web/package-lock.json.txt:2 acme-internal-token");
    }

    /** gitleaks 8.25: "Common allowlists can be defined once and assigned to multiple rules using |targetRules|". */
    @Test
    void aGlobalAllowlistWithTargetRulesAppliesToThoseRulesOnly() throws Exception {
        write(dir, "tests/expected/login.json", "{\"github\": \"" + GITHUB + "\", \"gitlab\": \"" + GITLAB + "\"}\n");
        write(dir, "tests/expected/acme.txt", ACME + "\n");
        write(dir, "src/app.txt", GITHUB + "\n");
        GitleaksConfig config = GitleaksConfig.parse("""
                [extend]
                useDefault = true

                """ + ACME_RULE + """

                [[allowlists]]
                targetRules = ["github-pat", "acme-internal-token", "no-such-rule"]
                description = "Our test assets trigger false-positives in a couple rules."
                paths = ['''^tests/expected/''']
                """);

        assertThat(config.allowlists()).isEmpty();
        assertThat(config.problems()).containsExactly("global allowlist: targetRules names 'no-such-rule', which is not a rule here");
        assertThat(scan(config)).containsExactly("src/app.txt:1 github-pat", "tests/expected/login.json:1 gitlab-pat");
    }

    /** gitleaks refuses these configs; guessing would hide or invent findings, so the table is left out and said so. */
    @Test
    void anUnknownRegexTargetOrAMissingSecretGroupIsReportedNotGuessed() throws Exception {
        write(dir, "svc/a.txt", "# example: " + ACME + "\n");
        GitleaksConfig config = GitleaksConfig.parse("""
                [[rules]]
                id = "acme-internal-token"
                regex = '''acme_([a-z0-9]{24})'''

                [[rules]]
                id = "acme-session"
                regex = '''acme_session_([a-z0-9]{24})'''
                secretGroup = 2

                [[allowlists]]
                regexTarget = "lines"
                regexes = ['''^# example:''']
                """);

        assertThat(ids(config)).containsExactly("acme-internal-token");
        assertThat(config.allowlists()).isEmpty();
        assertThat(config.problems()).containsExactly(
                "rule 'acme-session': secretGroup 2, but the regex has 1 group; ignored",
                "global allowlist: regexTarget 'lines' is not one of secret, match, line; ignored");
        assertThat(scan(config)).containsExactly("svc/a.txt:1 acme-internal-token");
    }

    @Test
    void noConfigMeansTheBuiltInRules() {
        assertThat(ids(GitleaksConfig.DEFAULT)).isEqualTo(builtInIds());
        assertThat(GitleaksConfig.DEFAULT.allowlists()).isEmpty();
    }

    @Test
    void ruleFieldsAreReadAsGitleaksDefinesThem() throws Exception {
        GitleaksConfig config = GitleaksConfig.parse("""
                [[rules]]
                id = "internal-db-password"
                description = "Password of the internal database"
                regex = '''(?i)(internal_db)_password\\s*=\\s*"([^"]{8,})"'''
                secretGroup = 2
                entropy = 3.0
                path = '''\\.(ini|cfg)$'''
                keywords = ["INTERNAL_DB"]
                tags = ["database", "internal"]
                """);

        Rule rule = config.rules().getFirst();
        assertThat(rule.description()).isEqualTo("Password of the internal database");
        assertThat(rule.secretGroup()).isEqualTo(2);
        assertThat(rule.entropy()).isEqualTo(3.0);
        assertThat(rule.keywords()).containsExactly("internal_db");
        assertThat(rule.path().matcher("conf/app.ini").find()).isTrue();
        assertThat(rule.path().matcher("conf/app.py").find()).isFalse();
        assertThat(config.problems()).isEmpty();
    }

    @Test
    void theRuleEntropyAndSecretGroupDecideWhatIsFound() throws Exception {
        String random = Planted.pick(RANDOM, Planted.ALNUM, 20);
        write(dir, "conf/app.ini", "internal_db_password = \"aaaabbbbaaaabbbb\"\ninternal_db_password = \"" + random + "\"\n");
        write(dir, "conf/app.py", "internal_db_password = \"" + random + "\"\n");
        GitleaksConfig config = GitleaksConfig.parse("""
                [[rules]]
                id = "internal-db-password"
                regex = '''(internal_db)_password\\s*=\\s*"([^"]{8,})"'''
                secretGroup = 2
                entropy = 3.0
                path = '''\\.ini$'''
                keywords = ["internal_db"]
                """);

        assertThat(scan(config)).containsExactly("conf/app.ini:2 internal-db-password");
    }

    @Test
    void ruleAllowlistsAreReadInBothSpellings() throws Exception {
        write(dir, "svc/a.txt", ACME + "\n");
        write(dir, "test/fixtures/b.txt", ACME + "\n");
        write(dir, "svc/c.txt", "acme_" + "0000" + "h6g7f8d9s0a1q2w3e4r5" + "\n");
        write(dir, "svc/d.txt", "# example: acme_" + "zzzzh6g7f8d9s0a1q2w3e4r5" + "\n");
        GitleaksConfig config = GitleaksConfig.parse(ACME_RULE + """
                [rules.allowlist]
                paths = ['''^test/fixtures/''']

                [[rules.allowlists]]
                description = "zeroed test tokens"
                regexes = ['''^0000''']

                [[rules.allowlists]]
                regexTarget = "line"
                regexes = ['''^# example:''']
                """);

        assertThat(config.rules().getFirst().allowlists()).hasSize(3);
        assertThat(scan(config)).containsExactly("svc/a.txt:1 acme-internal-token");
    }

    @Test
    void globalAllowlistsAreReadInBothSpellingsAndApplyToEveryRule() throws Exception {
        write(dir, "svc/a.txt", ACME + "\n" + GITHUB + "\n");
        write(dir, "docs/guide.md", ACME + "\n");
        write(dir, "svc/b.txt", "acme_" + "dead" + "h6g7f8d9s0a1q2w3e4r5" + "\n");
        write(dir, "svc/c.txt", "token: " + GITLAB + " # rotated 2024-01\n");
        GitleaksConfig config = GitleaksConfig.parse("""
                [extend]
                useDefault = true

                """ + ACME_RULE + """

                [allowlist]
                description = "global allow list"
                paths = ['''^docs/''']

                [[allowlists]]
                stopwords = ["DEAD"]

                [[allowlists]]
                regexTarget = "line"
                regexes = ['''# rotated \\d{4}-\\d{2}''']
                """);

        assertThat(config.allowlists()).hasSize(3);
        assertThat(scan(config)).containsExactly("svc/a.txt:1 acme-internal-token", "svc/a.txt:2 github-pat");
    }

    @Test
    void whatCannotBeUsedIsReportedOneLineEachAndTheRestIsUsed() throws Exception {
        GitleaksConfig config = GitleaksConfig.parse("""
                [extend]
                path = "../common/gitleaks.toml"

                [[rules]]
                description = "no id"
                regex = '''abc'''

                [[rules]]
                id = "bad-regex"
                regex = '''(?<name>lookbehind)(?<=x)'''

                [[rules]]
                id = "env-files"
                path = '''\\.env$'''

                [[rules]]
                id = "bad-allowlist"
                regex = '''bad_[0-9]{8}'''
                [rules.allowlist]
                regexes = ['''(unclosed''']
                """ + ACME_RULE);

        assertThat(ids(config)).containsExactly("bad-allowlist", "acme-internal-token");
        assertThat(config.problems()).satisfiesExactly(
                p -> assertThat(p).isEqualTo("[extend] path/url is not followed: only useDefault extends the built-in rules"),
                p -> assertThat(p).isEqualTo("rule '(no id)': has no id, ignored"),
                p -> assertThat(p).startsWith("rule 'bad-regex': regex does not compile: "),
                p -> assertThat(p).isEqualTo("rule 'env-files': has no regex (path-only rules are not supported), ignored"),
                p -> assertThat(p).startsWith("rule 'bad-allowlist' allowlist: regex does not compile: "));
    }

    @Test
    void malformedTomlCannotBeParsedAtLineAndColumn() {
        assertThatThrownBy(() -> GitleaksConfig.parse("[extend]\nuseDefault = = true\n"))
                .isInstanceOfSatisfying(CannotParse.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isPositive();
                    assertThat(e.describe()).startsWith("cannot parse at 2:");
                });
        assertThatThrownBy(() -> GitleaksConfig.parse(ACME_RULE + "\n[[rules]]\nid = \"x\"\nregex = '''unterminated\n"))
                .isInstanceOfSatisfying(CannotParse.class, e -> assertThat(e.line()).isGreaterThanOrEqualTo(9));
        assertThatThrownBy(() -> GitleaksConfig.parse("[allowlist]\npaths = ['''a''']\n[allowlist]\npaths = ['''b''']\n"))
                .isInstanceOfSatisfying(CannotParse.class, e -> assertThat(e.line()).isEqualTo(3));
    }

    @Test
    void anEmptyFileHasNoRulesAndSaysSo() throws Exception {
        GitleaksConfig config = GitleaksConfig.parse("# nothing yet\n");

        assertThat(config.extendsDefaults()).isFalse();
        assertThat(ids(config)).isEmpty();
    }
}
