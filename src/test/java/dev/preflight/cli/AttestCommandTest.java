package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.preflight.attest.Attestation;
import dev.preflight.attest.AttestationFile;
import dev.preflight.checklist.ItemIds;

class AttestCommandTest {
    static final String CHECKLIST = """
            # Launch checklist

            ## Security
            - [ ] Ensure `.env` is in `.gitignore`

            ## Launch
            - [ ] Announce launch on social media
            - [ ] Train support staff <!-- preflight: id=train-support -->
            """;
    private static final String ANNOUNCE = ItemIds.derive(List.of("Launch"), "Announce launch on social media");

    @TempDir
    Path dir;
    Path checklist;
    Path store;

    /** What one run of the real command line printed, and its exit code. */
    record Run(int exit, String out, String err) {
    }

    /** Runs {@code preflight args...} in this JVM, capturing what it prints. */
    static synchronized Run preflight(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = Main.run(args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    static JsonNode item(Run check, String id) throws Exception {
        for (JsonNode item : new ObjectMapper().readTree(check.out()).get("items")) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no item " + id + " in the report:\n" + check.out());
    }

    @BeforeEach
    void writeChecklist() throws Exception {
        checklist = Files.writeString(dir.resolve("CHECKLIST.md"), CHECKLIST);
        store = dir.resolve("preflight-attestations.yaml");
    }

    private Run attest(String id, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("attest", id, "--checklist", checklist.toString()));
        args.addAll(List.of(more));
        return preflight(args.toArray(String[]::new));
    }

    @Test
    void attestingWritesAReadableFileThatRoundTrips() throws Exception {
        Run run = attest(ANNOUNCE, "--by", "Dana Kim", "--role", "product", "--note", "posted on all channels: see #launch");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Attested " + ANNOUNCE + " (line 7) by Dana Kim as product; recorded in ");
        String yaml = Files.readString(store);
        assertThat(yaml).startsWith("# Sign-offs and waivers").contains(
                "- item: " + ANNOUNCE + "\n",
                "  text: Announce launch on social media\n",
                "  by: Dana Kim\n",
                "  role: product\n",
                "  note: \"posted on all channels: see #launch\"\n")
                .doesNotContain("expires");
        AttestationFile loaded = AttestationFile.load(store);
        assertThat(loaded.attestations()).singleElement().satisfies(a -> {
            assertThat(a).extracting(Attestation::item, Attestation::text, Attestation::by, Attestation::role, Attestation::note)
                    .containsExactly(ANNOUNCE, "Announce launch on social media", "Dana Kim", "product", "posted on all channels: see #launch");
            assertThat(a.at()).isNotNull();
        });
        loaded.save(store);
        assertThat(Files.readString(store)).isEqualTo(yaml);
    }

    @Test
    void expiresIsCountedInDaysFromToday() throws Exception {
        Run run = attest(ANNOUNCE, "--by", "Dana Kim", "--role", "product", "--expires", "90d");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(AttestationFile.load(store).attestations().getFirst().expires()).isEqualTo(LocalDate.now().plusDays(90));
    }

    @Test
    void attestingAgainReplacesTheEarlierSignOff() throws Exception {
        attest(ANNOUNCE, "--by", "Dana Kim", "--role", "product");
        attest("train-support", "--by", "Lee", "--role", "support");
        Run again = attest(ANNOUNCE, "--by", "Sam Ortiz", "--role", "marketing");

        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(AttestationFile.load(store).attestations()).extracting(Attestation::item, Attestation::by)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("train-support", "Lee"),
                        org.assertj.core.groups.Tuple.tuple(ANNOUNCE, "Sam Ortiz"));
    }

    @Test
    void refusesAnItemThatChecksVerify() {
        String envItem = ItemIds.derive(List.of("Security"), "Ensure .env is in .gitignore");

        Run run = attest(envItem, "--by", "Dana Kim", "--role", "security");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(":4: '" + envItem + "' is verified by checks; only manual items are attested");
        assertThat(store).doesNotExist();
    }

    @Test
    void refusesAnUnknownId() {
        Run run = attest("launch/no-such-item", "--by", "Dana Kim", "--role", "product");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no item has the id 'launch/no-such-item'");
        assertThat(store).doesNotExist();
    }

    @Test
    void refusesAnExpiryThatIsNotAnAge() {
        Run run = attest(ANNOUNCE, "--by", "Dana Kim", "--role", "product", "--expires", "next-year");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--expires next-year: give an age in days or weeks, e.g. 90d or 12w");
    }

    @Test
    void refusesASignOffWithoutAName() {
        assertThat(attest(ANNOUNCE, "--role", "product").exit()).isEqualTo(2);
    }

    @Test
    void aLaterCheckShowsTheItemAttested() throws Exception {
        attest(ANNOUNCE, "--by", "Dana Kim", "--role", "product");

        Run check = preflight("check", checklist.toString(), "--format", "json");

        assertThat(check.exit()).as(check.err()).isEqualTo(1);
        JsonNode announce = item(check, ANNOUNCE);
        assertThat(announce.get("status").asText()).isEqualTo("ATTESTED");
        assertThat(announce.get("reason").asText()).isEqualTo("attested by Dana Kim (product)");
        assertThat(item(check, "train-support").get("status").asText()).isEqualTo("MANUAL");
    }

    @Test
    void editingTheItemsTextMakesTheAttestationStale() throws Exception {
        attest("train-support", "--by", "Lee", "--role", "support");
        Files.writeString(checklist, CHECKLIST.replace("Train support staff", "Train support staff on the refund policy"));

        Run check = preflight("check", checklist.toString(), "--format", "json");

        JsonNode train = item(check, "train-support");
        assertThat(train.get("status").asText()).isEqualTo("MANUAL");
        assertThat(train.get("reason").asText()).isEqualTo("attestation by Lee is stale: the item's text changed since");
        assertThat(train.get("attestation").get("state").asText()).isEqualTo("stale");
    }
}
