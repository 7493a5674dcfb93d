package dev.preflight.cli;

import static dev.preflight.cli.AttestCommandTest.item;
import static dev.preflight.cli.AttestCommandTest.preflight;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.preflight.attest.AttestationFile;
import dev.preflight.attest.Waiver;
import dev.preflight.checklist.ItemIds;
import dev.preflight.cli.AttestCommandTest.Run;
import dev.preflight.collect.GitRepo;

class WaiveCommandTest {
    private static final String ENV_ITEM = ItemIds.derive(List.of("Security"), "Ensure .env is in .gitignore");

    @TempDir
    Path dir;
    Path checklist;
    Path store;

    @BeforeEach
    void writeChecklist() throws Exception {
        checklist = Files.writeString(dir.resolve("CHECKLIST.md"), "# Launch\n\n## Security\n- [x] Ensure `.env` is in `.gitignore`\n");
        store = dir.resolve("preflight-attestations.yaml");
    }

    private Run waive(String id, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("waive", id, "--checklist", checklist.toString()));
        args.addAll(List.of(more));
        return preflight(args.toArray(String[]::new));
    }

    @Test
    void waivingWritesTheReasonApproverAndExpiry() throws Exception {
        Run run = waive(ENV_ITEM, "--reason", "legacy repo; history rewrite scheduled", "--approver", "CTO", "--expires", "30d");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Waived " + ENV_ITEM + " until " + LocalDate.now().plusDays(30) + " (approved by CTO)");
        String yaml = Files.readString(store);
        assertThat(yaml).contains("waivers:\n", "- item: " + ENV_ITEM + "\n", "  reason: legacy repo; history rewrite scheduled\n",
                "  approver: CTO\n", "  expires: " + LocalDate.now().plusDays(30) + "\n");
        AttestationFile loaded = AttestationFile.load(store);
        assertThat(loaded.waivers()).containsExactly(new Waiver(ENV_ITEM, "legacy repo; history rewrite scheduled", "CTO",
                LocalDate.now().plusDays(30)));
        loaded.save(store);
        assertThat(Files.readString(store)).isEqualTo(yaml);
    }

    @Test
    void waivingAgainReplacesTheEarlierWaiver() throws Exception {
        waive(ENV_ITEM, "--reason", "first", "--approver", "CTO", "--expires", "30d");
        waive(ENV_ITEM, "--reason", "second", "--approver", "CISO", "--expires", "2w");

        assertThat(AttestationFile.load(store).waivers()).singleElement()
                .extracting(Waiver::reason, Waiver::approver, Waiver::expires)
                .containsExactly("second", "CISO", LocalDate.now().plusDays(14));
    }

    @Test
    void refusesAnUnknownIdAndAWaiverWithoutExpiry() {
        Run unknown = waive("security/nope", "--reason", "r", "--approver", "CTO", "--expires", "30d");
        Run forever = waive(ENV_ITEM, "--reason", "r", "--approver", "CTO");

        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no item has the id 'security/nope'");
        assertThat(forever.exit()).isEqualTo(2);
        assertThat(forever.err()).contains("--expires");
        assertThat(store).doesNotExist();
    }

    @Test
    void aWaivedFailureGivesGoWithWaiversAndStaysAFalseClaim() throws Exception {
        Path repo = GitRepo.init(Files.createDirectory(dir.resolve("repo")));
        GitRepo.write(repo, ".env", "SECRET_KEY=x\n");
        GitRepo.git(repo, "add", ".env");
        waive(ENV_ITEM, "--reason", "history rewrite scheduled", "--approver", "CTO", "--expires", "7d");

        Run check = preflight("check", checklist.toString(), "--repo", repo.toString(), "--format", "json");

        assertThat(check.exit()).as(check.err()).isZero();
        JsonNode env = item(check, ENV_ITEM);
        assertThat(env.get("status").asText()).isEqualTo("WAIVED");
        assertThat(env.get("falseClaim").asBoolean()).isTrue();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(check.out()).get("verdict").asText())
                .isEqualTo("GO_WITH_WAIVERS");
    }
}
