package dev.preflight.cli;

import static dev.preflight.cli.AttestCommandTest.item;
import static dev.preflight.cli.AttestCommandTest.preflight;
import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.preflight.checklist.ItemIds;
import dev.preflight.checks.repo.secrets.Baseline;
import dev.preflight.checks.repo.secrets.DefaultRules;
import dev.preflight.checks.repo.secrets.Finding;
import dev.preflight.checks.repo.secrets.Planted;
import dev.preflight.cli.AttestCommandTest.Run;

class SecretsBaselineCommandTest {
    private static final String SECRETS_ITEM = ItemIds.derive(List.of("Security"), "Secrets not in code");
    private static final Random RANDOM = new Random(37);
    private static final String GITHUB = "ghp_" + Planted.pick(RANDOM, Planted.ALNUM, 36);
    private static final String STRIPE = "sk_test_" + Planted.pick(RANDOM, Planted.ALNUM, 24);

    @TempDir
    Path dir;
    Path repo;
    Path checklist;
    Path baseline;

    @BeforeEach
    void plantSecrets() throws Exception {
        checklist = Files.writeString(dir.resolve("CHECKLIST.md"), "# Launch\n\n## Security\n- [ ] Secrets not in code\n");
        repo = Files.createDirectory(dir.resolve("service"));
        write(repo, "tests/fixtures/github.py", "# revoked in 2024\nTOKEN = \"" + GITHUB + "\"\n");
        write(repo, "tests/fixtures/pay.go", "package pay\n\nvar key = \"" + STRIPE + "\"\n");
        baseline = repo.resolve(Baseline.FILE);
    }

    /** repo.secrets' result on the item "Secrets not in code", from a real run of 'preflight check'. */
    private JsonNode secretsCheck() throws Exception {
        JsonNode item = item(preflight("check", checklist.toString(), "--repo", repo.toString(), "--format", "json"), SECRETS_ITEM);
        for (JsonNode check : item.get("checks")) {
            if (check.get("id").asText().equals("repo.secrets")) {
                return check;
            }
        }
        throw new AssertionError("repo.secrets did not run on the item: " + item);
    }

    @Test
    void writingTheBaselinePassesTheCheckWithTheFindingsSuppressed() throws Exception {
        assertThat(secretsCheck().get("status").asText()).isEqualTo("FAIL");

        Run run = preflight("secrets", "baseline", "--repo", repo.toString(), "--note", "revoked test keys, reviewed by Dana");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(baseline + ": 2 added, 0 kept; 2 files scanned with " + DefaultRules.rules().size() + " rules\n"
                + "  + tests/fixtures/github.py:2 github-pat\n"
                + "  + tests/fixtures/pay.go:3 stripe-key\n");
        JsonNode check = secretsCheck();
        assertThat(check.get("status").asText()).as(check.toString()).isEqualTo("PASS");
        assertThat(check.get("evidence").toString()).contains("suppressed: 0 by an inline allow comment, 2 by .preflight-secrets-baseline.json");
    }

    @Test
    void theBaselineListsHashesRulesPathsAndLinesButNoSecret() throws Exception {
        preflight("secrets", "baseline", "--repo", repo.toString(), "--note", "revoked");

        String written = Files.readString(baseline);
        assertThat(written).isEqualTo("{\"secrets\": [\n"
                + "  {\"sha256\": \"" + Finding.sha256(GITHUB) + "\", \"rule\": \"github-pat\", \"path\": \"tests/fixtures/github.py\", "
                + "\"line\": 2, \"note\": \"revoked\"},\n"
                + "  {\"sha256\": \"" + Finding.sha256(STRIPE) + "\", \"rule\": \"stripe-key\", \"path\": \"tests/fixtures/pay.go\", "
                + "\"line\": 3, \"note\": \"revoked\"}\n"
                + "]}\n");
        for (String secret : List.of(GITHUB, STRIPE)) {
            assertThat(written).doesNotContain(secret.substring(secret.length() - 8));
        }
    }

    @Test
    void runningAgainAddsOnlyNewSecretsAndKeepsEarlierNotes() throws Exception {
        preflight("secrets", "baseline", "--repo", repo.toString(), "--note", "revoked");
        String fresh = "glpat-" + Planted.pick(RANDOM, Planted.ALNUM, 20);
        write(repo, "ci/deploy.sh", "export GITLAB=" + fresh + "\n");
        write(repo, "tests/fixtures/pay.go", "package pay\n\n// moved\nvar key = \"" + STRIPE + "\"\n");

        Run run = preflight("secrets", "baseline", "--repo", repo.toString(), "--note", "CI sandbox token");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith(baseline + ": 1 added, 2 kept; 4 files scanned").endsWith("  + ci/deploy.sh:1 gitlab-pat\n");
        assertThat(Baseline.parse(Files.readString(baseline)).bySha256().values()).containsExactly(
                new Baseline.Entry(Finding.sha256(fresh), "gitlab-pat", "ci/deploy.sh", 1, "CI sandbox token"),
                new Baseline.Entry(Finding.sha256(GITHUB), "github-pat", "tests/fixtures/github.py", 2, "revoked"),
                new Baseline.Entry(Finding.sha256(STRIPE), "stripe-key", "tests/fixtures/pay.go", 4, "revoked"));
        JsonNode check = secretsCheck();
        assertThat(check.get("status").asText()).as(check.toString()).isEqualTo("PASS");
    }

    @Test
    void outWritesTheBaselineElsewhereAndTheCheckStillFails() throws Exception {
        Path review = dir.resolve("review.json");

        Run run = preflight("secrets", "baseline", "--repo", repo.toString(), "--out", review.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Baseline.parse(Files.readString(review)).bySha256()).hasSize(2);
        assertThat(baseline).doesNotExist();
        assertThat(secretsCheck().get("status").asText()).isEqualTo("FAIL");
    }

    @Test
    void theProjectsGitleaksAllowlistDecidesWhatIsAccepted() throws Exception {
        write(repo, ".gitleaks.toml", "[extend]\nuseDefault = true\n\n[allowlist]\npaths = ['''pay\\.go$''']\n");

        Run run = preflight("secrets", "baseline", "--repo", repo.toString());

        assertThat(run.out()).contains(": 1 added, 0 kept;").doesNotContain("stripe-key");
    }

    @Test
    void aBrokenBaselineIsBadInputAndIsLeftAsItWas() throws Exception {
        String broken = "{\"secrets\": [\n  {\"sha256\": \"" + STRIPE + "\"}\n]}\n";
        Files.writeString(baseline, broken);

        Run run = preflight("secrets", "baseline", "--repo", repo.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("preflight: " + baseline + ": cannot parse at 2:3: entry 1: \"sha256\" must be the 64 hex digits "
                + "of the value's SHA-256, never the value itself (fix or remove it; nothing was written)\n");
        assertThat(Files.readString(baseline)).isEqualTo(broken);
    }

    @Test
    void aBrokenGitleaksConfigIsBadInputAndNothingIsWritten() throws Exception {
        write(repo, ".gitleaks.toml", "[extend]\nuseDefault = = true\n");

        Run run = preflight("secrets", "baseline", "--repo", repo.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("preflight: " + repo.resolve(".gitleaks.toml") + ": cannot parse at 2:");
        assertThat(baseline).doesNotExist();
    }

    @Test
    void badUsageIsOneLineOnStandardErrorAndExitTwo() throws Exception {
        CliProcess missingRepo = CliProcess.run(dir, "secrets", "baseline", "--repo", "nowhere");
        CliProcess noSubcommand = CliProcess.run(dir, "secrets");

        assertThat(missingRepo.exitCode()).isEqualTo(2);
        assertThat(missingRepo.stderr()).isEqualTo("preflight: --repo nowhere: not a directory\n");
        assertThat(missingRepo.stdout()).isEmpty();
        assertThat(noSubcommand.exitCode()).isEqualTo(2);
        assertThat(noSubcommand.stderr()).startsWith("preflight: Missing required subcommand").hasLineCount(1);
    }
}
