package dev.preflight.checks.repo.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

import com.google.re2j.Pattern;

class RuleSetTest {
    private static final String ACME = "acme_" + "k3j5h6g7f8d9s0a1q2w3e4r5";

    private static Rule rule(String id, String regex, int secretGroup, String... keywords) {
        return new Rule(id, id, Pattern.compile(regex), secretGroup, 0, List.of(keywords), null, List.of(), false, null);
    }

    private static List<String> found(RuleSet rules, String path, String text) {
        return rules.scan(path, text).findings().stream().map(f -> f.line() + " " + f.ruleId() + " " + f.secret()).toList();
    }

    @Test
    void aRuleRunsOnlyOnTheLinesThatHoldOneOfItsKeywords() {
        List<String> acmeLines = new ArrayList<>();
        List<String> everyLines = new ArrayList<>();
        Rule acme = rule("acme", "acme_([a-z0-9]{24})", 0, "acme_", "acmetoken").when(line -> acmeLines.add(line));
        Rule every = rule("every", "never-here-[0-9]{40}", 0).when(line -> everyLines.add(line));
        RuleSet rules = new RuleSet(List.of(acme, every), List.of());

        List<String> findings = found(rules, "svc.txt", "first line\nACME_ in upper case\nplain\n" + ACME + "\nAcmeToken: x\nlast");

        assertThat(acmeLines).containsExactly("ACME_ in upper case", ACME, "AcmeToken: x");
        assertThat(everyLines).containsExactly("first line", "ACME_ in upper case", "plain", ACME, "AcmeToken: x", "last");
        assertThat(findings).containsExactly("4 acme " + ACME.substring(5));
    }

    @Test
    void theDefaultRulesRunOnlyWhereTheirKeywordsAre() {
        List<String> stripeLines = new ArrayList<>();
        List<Rule> rules = new ArrayList<>(DefaultRules.rules().stream()
                .map(r -> r.id().equals("stripe-key") ? r.when(line -> stripeLines.add(line)) : r).toList());
        String stripe = "sk_live_" + Planted.pick(new Random(5), Planted.ALNUM, 24);

        List<String> findings = found(new RuleSet(rules, List.of()), "pay.go",
                "package pay\n// gho_ is not a stripe key\nvar key = \"" + stripe + "\"\n");

        assertThat(stripeLines).containsExactly("var key = \"" + stripe + "\"");
        assertThat(findings).containsExactly("3 stripe-key " + stripe);
    }

    @Test
    void aRuleLimitedToAPathRunsOnlyOnThosePaths() {
        Rule tf = new Rule("tf-token", "tf", Pattern.compile("tfe_([a-z0-9]{20})"), 0, 0, List.of("tfe_"),
                Pattern.compile("\\.tf$"), List.of(), false, null);
        RuleSet rules = new RuleSet(List.of(tf), List.of());
        String text = "token = \"tfe_" + "a1b2c3d4e5f6g7h8i9j0" + "\"\n";

        assertThat(found(rules, "infra/main.tf", text)).containsExactly("1 tf-token a1b2c3d4e5f6g7h8i9j0");
        assertThat(found(rules, "infra/main.tf.md", text)).isEmpty();
    }

    @Test
    void theSecretIsTheSecretGroupOrTheFirstGroupThatMatchedOrTheWholeMatch() {
        RuleSet rules = new RuleSet(List.of(
                rule("second", "(user|svc)=(\\w{12})", 2, "user=", "svc="),
                rule("first-matched", "(?:a=(\\w{12})|b=(\\w{12}))", 0, "b="),
                rule("whole", "whole_[0-9]{12}", 0, "whole_")), List.of());

        assertThat(found(rules, "f", "svc=abcdef123456\nb=zyxwvu987654\nwhole_123456789012\n")).containsExactly(
                "1 second abcdef123456", "2 first-matched zyxwvu987654", "3 whole whole_123456789012");
    }

    @Test
    void aSecretTwoRulesFindIsReportedOnceByTheFirstRule() {
        String token = "ghp_" + Planted.pick(new Random(9), Planted.ALNUM, 36);

        List<String> findings = found(new RuleSet(DefaultRules.rules(), List.of()), "app/settings.py",
                "GITHUB_TOKEN = \"" + token + "\"  # and again: " + token + "\n");

        assertThat(findings).containsExactly("1 github-pat " + token);
    }

    /** The built-in regexes end a token on the character after it (RE2 has no lookahead); that character may start the next one. */
    @Test
    void tokensSeparatedByOneCharacterAreEachFound() {
        Random r = new Random(19);
        String a = "gho_" + Planted.pick(r, Planted.ALNUM, 36);
        String b = "gho_" + Planted.pick(r, Planted.ALNUM, 36);
        String c = "gho_" + Planted.pick(r, Planted.ALNUM, 36);

        List<String> findings = found(new RuleSet(DefaultRules.rules(), List.of()), "tokens.csv", a + "," + b + " " + c + "\n");

        assertThat(findings).containsExactly("1 github-oauth " + a, "1 github-oauth " + b, "1 github-oauth " + c);
    }

    @Test
    void ruleEntropyDropsMatchesThatAreNotRandomEnough() {
        Rule internal = new Rule("internal", "internal", Pattern.compile("int_([A-Za-z0-9]{16})"), 0, 3.5, List.of("int_"),
                null, List.of(), false, null);
        String random = Planted.pick(new Random(13), Planted.ALNUM, 16);

        assertThat(found(new RuleSet(List.of(internal), List.of()), "f", "int_aaaabbbbaaaabbbb\nint_" + random + "\n"))
                .containsExactly("2 internal " + random);
    }

    @Test
    void inlineAllowCommentsSuppressTheLineAndAreCounted() {
        RuleSet rules = new RuleSet(List.of(rule("acme", "acme_([a-z0-9]{24})", 0, "acme_")), List.of());

        RuleSet.Result result = rules.scan("f", ACME + " # gitleaks:allow\n" + ACME + " // preflight:allow\n" + ACME + "\n");

        assertThat(result.inlineAllowed()).isEqualTo(2);
        assertThat(result.findings()).extracting(Finding::line).containsExactly(3);
    }

    @Test
    void aPrivateKeyIsFoundFromItsBeginLineAcrossTheLinesOfItsBody() {
        StringBuilder pem = new StringBuilder("config:\n  key: |\n    -----BEGIN EC PRIVATE KEY-----\n");
        Random r = new Random(17);
        for (int i = 0; i < 3; i++) {
            pem.append("    ").append(Planted.pick(r, Planted.ALNUM, 64)).append('\n');
        }
        pem.append("    -----END EC PRIVATE KEY-----\n");

        List<Finding> findings = new RuleSet(DefaultRules.rules(), List.of()).scan("deploy/values.yaml", pem.toString()).findings();

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("private-key");
            assertThat(f.line()).isEqualTo(3);
            assertThat(f.secret()).hasSizeGreaterThan(3 * 64);
        });
    }

    @Test
    void globalAndRuleAllowlistsDropFindings() {
        Allowlist rulesOwn = new Allowlist("", Allowlist.Condition.OR, List.of(), List.of(Pattern.compile("^0{4}")), "secret", List.of(),
                List.of());
        Rule acme = new Rule("acme", "acme", Pattern.compile("acme_([a-z0-9]{24})"), 0, 0, List.of("acme_"), null,
                List.of(rulesOwn), false, null);
        Allowlist global = new Allowlist("", Allowlist.Condition.OR, List.of(), List.of(), "secret", List.of("dead"), List.of());
        RuleSet rules = new RuleSet(List.of(acme), List.of(global));

        List<String> findings = found(rules, "f", "acme_0000" + "a".repeat(20) + "\nacme_dead" + "b".repeat(20) + "\n" + ACME + "\n");

        assertThat(findings).containsExactly("3 acme " + ACME.substring(5));
    }

    @Test
    void aMegabyteOfOneCharacterAndNestedRepetitionsFinish() {
        List<Rule> rules = new ArrayList<>(DefaultRules.rules());
        rules.add(rule("nested-plus", "(a+)+b", 0, "a"));
        rules.add(rule("nested-star", "(a*)*$x", 0));
        rules.add(rule("alternation", "(a|aa)+c", 0, "aa"));
        String megabyte = "a".repeat(1 << 20);

        assertThat(new RuleSet(rules, List.of()).scan("bait.txt", megabyte).findings()).extracting(Finding::ruleId).isEmpty();
        assertThat(new RuleSet(DefaultRules.rules(), List.of()).scan("bait.txt", "password = \"" + megabyte + "\"\n").findings())
                .extracting(Finding::ruleId).isEmpty();
    }

    /** A minified file can hold tens of thousands of tokens on one line: each new one must not be compared with all before it. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
    void aLineOfAHundredThousandDistinctTokensFinishes() {
        StringBuilder line = new StringBuilder();
        int tokens = 100_000;
        for (int i = 0; i < tokens; i++) {
            line.append("gho_").append(String.format("%036d", i).replace('0', 'Q')).append(' ');
        }

        RuleSet.Result result = new RuleSet(DefaultRules.rules(), List.of()).scan("bundle.min.json", line.toString());

        assertThat(result.findings().size()).isEqualTo(tokens);
    }
}
