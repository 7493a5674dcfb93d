package dev.preflight.checks.repo;

import static dev.preflight.collect.GitRepo.git;
import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.CheckContext;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Status;
import dev.preflight.checks.repo.secrets.DefaultRules;
import dev.preflight.checks.repo.secrets.Finding;
import dev.preflight.checks.repo.secrets.Planted;
import dev.preflight.checks.repo.secrets.Rule;
import dev.preflight.collect.GitRepo;
import dev.preflight.collect.RepoSnapshot;

class SecretsCheckTest {
    @TempDir
    Path dir;

    private Outcome check() throws Exception {
        return new SecretsCheck().run(new CheckContext(Params.NONE, "Secrets not in code", new RepoSnapshot(dir), null, false));
    }

    private static List<String> described(Outcome outcome) {
        return outcome.evidence().stream().map(Evidence::describe).toList();
    }

    private static List<String> ruleIds(Outcome outcome) {
        return outcome.evidence().stream().filter(e -> e instanceof Evidence.FileLine f && f.line() > 0)
                .map(e -> ((Evidence.FileLine) e).excerpt().split(":")[0]).toList();
    }

    private void plantAll() throws Exception {
        for (String[] file : Planted.files().values()) {
            write(dir, file[0], file[1]);
        }
    }

    @Test
    void failsWithOneFindingPerPlantedSecretOfEveryRule() throws Exception {
        plantAll();

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(ruleIds(outcome)).containsExactlyInAnyOrderElementsOf(DefaultRules.rules().stream().map(Rule::id).toList());
        assertThat(outcome.summary()).startsWith(DefaultRules.rules().size() + " secrets found in " + DefaultRules.rules().size() + " files");
        assertThat(outcome.remediation()).contains("rotate", "gitleaks:allow", ".preflight-secrets-baseline.json");
    }

    @Test
    void failMasksEverySecretInEveryExcerptAndSummary() throws Exception {
        plantAll();

        Outcome outcome = check();

        String all = outcome.summary() + String.join("\n", described(outcome));
        for (Map.Entry<String, String[]> planted : Planted.files().entrySet()) {
            // Every planted secret holds a random run of 16 or more characters with a digit: no 8 of them may survive masking.
            java.util.regex.Matcher token = java.util.regex.Pattern.compile("[A-Za-z0-9+/_-]{16,}").matcher(planted.getValue()[1]);
            while (token.find()) {
                if (!token.group().matches(".*[0-9].*")) {
                    continue;
                }
                assertThat(all).as(planted.getKey()).doesNotContain(token.group().substring(token.group().length() - 8));
            }
        }
        assertThat(described(outcome)).contains("api/.env:2: env-file-secret: DB_PASSWORD=hun…");
    }

    @Test
    void passesOnACleanRepositoryWithDocumentedExamplesAndPlaceholders() throws Exception {
        write(dir, "README.md", """
                Configure AWS with the documented example key pair:

                    aws_access_key_id = AKIAIOSFODNN7EXAMPLE
                    aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

                A key file starts with `-----BEGIN PRIVATE KEY-----` and ends with `-----END PRIVATE KEY-----`.
                """);
        write(dir, "app/settings.py", """
                import os
                SECRET_KEY = os.environ["SECRET_KEY"]
                password = "changeme"
                token = "${GITHUB_TOKEN}"
                api_key = "<your-api-key-here>"
                DATABASE_URL = "postgres://user:password@localhost/app"
                monkey = "banana"
                """);
        write(dir, ".env.example", "DB_PASSWORD=changeme\nSECRET_KEY=\n");
        write(dir, "src/Main.java", """
                final String key = "sun.java2d.renderer.profile";
                String keyMaterialAlg = "SunTls12KeyMaterial";
                String P11KeyGenerator = "sun.security.pkcs11.P11KeyGenerator";
                keyEventLog.fine("hex keysym:"+Long.toHexString(keysym)+"\\n");
                """);

        Outcome outcome = check();

        assertThat(outcome.status()).as(described(outcome).toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("no secrets found in 4 files scanned with " + DefaultRules.rules().size() + " rules");
    }

    @Test
    void passesWhenEverySecretIsAllowedInlineOrBaselined() throws Exception {
        String token = "ghp_" + "Zq8".repeat(12);
        String stripe = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc";
        write(dir, "a.py", "TOKEN = '" + token + "'  # gitleaks:allow (revoked test token)\n");
        write(dir, "b.go", "// preflight:allow\nkey := \"" + stripe + "\" // preflight:allow\n");
        write(dir, ".preflight-secrets-baseline.json", "{\"secrets\": [{\"sha256\": \"" + Finding.sha256(stripe) + "\", \"rule\": \"stripe-key\"}]}\n");
        write(dir, "c.go", "\n\nvar moved = \"" + stripe + "\"\n");

        Outcome outcome = check();

        assertThat(outcome.status()).as(described(outcome).toString()).isEqualTo(Status.PASS);
        assertThat(described(outcome)).contains("suppressed: 2 by an inline allow comment, 1 by .preflight-secrets-baseline.json");
    }

    @Test
    void failsOnProjectRulesThatExtendTheDefaultsAndHonoursTheAllowlist() throws Exception {
        write(dir, ".gitleaks.toml", """
                [extend]
                useDefault = true
                disabledRules = ["jwt"]

                [[rules]]
                id = "acme-internal-token"
                regex = '''acme_[a-z0-9]{24}'''
                keywords = ["acme_"]

                [allowlist]
                paths = ['''^fixtures/''']
                stopwords = ["notreal"]
                """);
        write(dir, "svc.txt", "acme_" + "k3j5h6g7f8d9s0a1q2w3e4r5" + "\n");
        write(dir, "fixtures/leak.txt", "ghp_" + "Zq8".repeat(12) + "\n");
        write(dir, "jwt.txt", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U\n");
        write(dir, "gh.txt", "ghp_" + "notreal" + "Zq8".repeat(9) + "ab\n");
        write(dir, "gh2.txt", "gho_" + "Zq8".repeat(12) + "\n");

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(ruleIds(outcome)).containsExactly("github-oauth", "acme-internal-token");
        assertThat(described(outcome)).contains("skipped 1 file (allowlisted by path in .gitleaks.toml): fixtures/leak.txt");
    }

    @Test
    void failsOnlyOnProjectRulesWhenTheConfigDoesNotExtendAndSaysSo() throws Exception {
        write(dir, ".gitleaks.toml", """
                [[rules]]
                id = "acme-internal-token"
                regex = '''acme_([a-z0-9]{24})'''
                """);
        write(dir, "svc.txt", "acme_" + "k3j5h6g7f8d9s0a1q2w3e4r5" + "\n" + "gho_" + "Zq8".repeat(12) + "\n");

        Outcome outcome = check();

        assertThat(ruleIds(outcome)).containsExactly("acme-internal-token");
        assertThat(described(outcome)).contains("svc.txt:1: acme-internal-token: acme_k3j5…",
                ".gitleaks.toml: no [extend] useDefault = true: its 1 rule replace the built-in rules (gitleaks semantics)");
    }

    @Test
    void warnsWhenTheConfigCannotBeParsedAndScansWithTheDefaults() throws Exception {
        write(dir, ".gitleaks.toml", "[extend]\nuseDefault = = true\n");
        write(dir, "ok.txt", "nothing here\n");

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(described(outcome)).anyMatch(d -> d.startsWith(".gitleaks.toml: cannot parse at 2:"));
    }

    @Test
    void failsOnATrackedEnvFileButNotOnAnIgnoredUntrackedOne() throws Exception {
        GitRepo.init(dir);
        write(dir, ".gitignore", "local.env\n");
        write(dir, "prod.env", "API_TOKEN=" + "q9w8e7r6t5y4" + "\n");
        write(dir, "local.env", "API_TOKEN=" + "q9w8e7r6t5y5" + "\n");
        git(dir, "add", ".");
        git(dir, "commit", "-q", "-m", "env");

        Outcome outcome = check();

        assertThat(ruleIds(outcome)).containsExactly("env-file-secret");
        assertThat(described(outcome)).contains("prod.env:1: env-file-secret: API_TOKEN=q9w…",
                "skipped 1 file (git-ignored and untracked): local.env");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void failFindsTheSecretPastHostileFilesLargeFilesAndLinkLoops() throws Exception {
        write(dir, "huge-line.txt", "a".repeat(5_000_000));
        write(dir, "bait.txt", ("password = \"" + "a1".repeat(100_000) + "\n").repeat(3) + "token=" + "=".repeat(1_000_000));
        write(dir, "binary.bin", "key = \"" + "ghp_" + "Zq8".repeat(12) + "\"\0\n");
        write(dir, "latin1.txt", "");
        Files.write(dir.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n', 'g', 'h', 'o', '_'});
        Files.write(dir.resolve("latin1.txt"), ("Zq8".repeat(12) + "\n").getBytes(), java.nio.file.StandardOpenOption.APPEND);
        write(dir, "package-lock.json", "{\"token\": \"" + "ghp_" + "Zq8".repeat(12) + "\"}\n");
        try (RandomAccessFile sparse = new RandomAccessFile(dir.resolve("dump.sql").toFile(), "rw")) {
            sparse.setLength(2L * 1024 * 1024 * 1024);
        }
        Files.createDirectories(dir.resolve("loop"));
        Files.createSymbolicLink(dir.resolve("loop/again"), dir);

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(described(outcome)).contains("latin1.txt:2: github-oauth: gho_…",
                "skipped 1 file (binary): binary.bin",
                "skipped 1 file (lockfiles): package-lock.json",
                "skipped 1 file (over 10 MiB): dump.sql");
        assertThat(ruleIds(outcome)).containsExactly("github-oauth");
    }

    @Test
    void failListsAtMostFiftyFindingsAndCountsTheRest() throws Exception {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            many.append("gho_").append(String.format("%036d", i).replace('0', 'Q')).append('\n');
        }
        write(dir, "tokens.txt", many.toString());

        Outcome outcome = check();

        assertThat(outcome.summary()).startsWith("60 secrets found in 1 file");
        assertThat(described(outcome)).hasSize(SecretsCheck.MAX_FINDINGS_SHOWN + 1).contains("… and 10 more");
    }

    @Test
    void failExcerptsCutLongLinesAroundTheSecretAndMaskSecretsCutByTheEdge() {
        java.util.Random random = new java.util.Random(29);
        String cutByTheStart = "gho_" + Planted.pick(random, Planted.ALNUM, 36);
        String found = "ghp_" + Planted.pick(random, Planted.ALNUM, 36);
        String line = "x".repeat(230) + cutByTheStart + " = " + found + " then " + found + " " + "y".repeat(300);
        Finding first = new Finding("a.txt", 1, "github-oauth", cutByTheStart, line);
        Finding second = new Finding("a.txt", 1, "github-pat", found, line);

        String excerpt = SecretsCheck.excerpt(second, List.of(first, second));

        assertThat(excerpt).isEqualTo("… = ghp_… then ghp_… " + "y".repeat(33) + "…");
        assertThat(SecretsCheck.excerpt(first, List.of(first, second))).startsWith("…" + "x".repeat(40) + "gho_… = ghp_…");
        assertThat(SecretsCheck.excerpt(new Finding("b.txt", 1, "github-pat", found, "  token: " + found + "  "), List.of()))
                .isEqualTo("token: " + found);
    }

    /** Each excerpt masks every secret near it, without masking the whole line once per secret on it. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void failOnAMinifiedLineOfTwentyThousandTokensListsFiftyMaskedExcerpts() throws Exception {
        java.util.Random random = new java.util.Random(23);
        List<String> tokens = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder("{\"fixtures\":[");
        for (int i = 0; i < 20_000; i++) {
            String token = "gho_" + Planted.pick(random, Planted.ALNUM, 36);
            tokens.add(token);
            line.append('"').append(token).append("\",");
        }
        write(dir, "web/fixtures.min.json", line.append("\"end\"]}\n").toString());

        Outcome outcome = check();

        assertThat(outcome.summary()).startsWith("20000 secrets found in 1 file");
        List<String> excerpts = described(outcome).subList(0, SecretsCheck.MAX_FINDINGS_SHOWN);
        assertThat(excerpts).allSatisfy(e -> assertThat(e).startsWith("web/fixtures.min.json:1: github-oauth: ").contains("gho_…"));
        String all = String.join("\n", excerpts);
        assertThat(tokens.stream().filter(t -> all.contains(t.substring(8)))).isEmpty();
    }

    @Test
    void isNotApplicableToAnEmptyRepository() throws Exception {
        assertThat(check().summary()).isEqualTo("the repository has no files");
    }
}
