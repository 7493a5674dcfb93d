package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class LintCommandTest {

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
    }

    @Test
    void jsonHoldsEveryItemWithItsChecksOrItsReason() throws Exception {
        Result r = run("lint", "--format", "json", realChecklist().toString());

        assertThat(r.exit()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        JsonNode items = root.get("items");
        assertThat(items).hasSize(31);
        List<Integer> lines = new ArrayList<>();
        items.forEach(i -> {
            lines.add(i.get("line").asInt());
            assertThat(i.get("id").asText()).isNotBlank();
            assertThat(i.get("checks").isEmpty() ? i.get("manualReason").asText() : i.get("checks").get(0).get("id").asText())
                    .as("line %d", i.get("line").asInt()).isNotBlank();
        });
        assertThat(lines).isSorted().contains(6, 21, 109);
        JsonNode disk = items.get(11);
        assertThat(disk.get("text").asText()).isEqualTo("Ensure sufficient disk space (10GB+ recommended)");
        assertThat(disk.get("checks").get(0).get("id").asText()).isEqualTo("host.disk");
        assertThat(disk.get("checks").get(0).get("params").get("minSize").asText()).isEqualTo("10GB");
        assertThat(disk.get("checks").get(0).get("implemented").asBoolean()).isTrue();
        assertThat(root.get("summary").get("items").asInt()).isEqualTo(31);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void textReadsAsATableWithASummary() throws Exception {
        Result r = run("lint", realChecklist().toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains("Production Deployment Checklist › ✅ Pre-Deployment Checklist › Infrastructure\n")
                .containsPattern("\\n   21  Ensure sufficient disk space \\(10GB\\+ recommended\\) +→ host\\.disk minSize=10GB\\n")
                .containsPattern("\\n   28  Test health check endpoint +→ http\\.health\\n")
                .containsPattern("\\n  109  Capacity planning +MANUAL: needs a person's judgement")
                .containsPattern(": 31 items: 22 bound to checks \\(\\d+ to built checks, \\d+ to planned ones\\), 9 manual, 0 groups.\n");
    }

    @Test
    void idsAreShownOnRequest() throws Exception {
        Path checklist = Files.writeString(dir.resolve("c.md"), "- [ ] Install fail2ban <!-- preflight: id=f2b -->\n");

        assertThat(run("lint", "--ids", checklist.toString()).out()).contains("id: f2b");
    }

    @Test
    void subItemsAreIndentedAndDirectiveBindingsSaySo() throws Exception {
        Path checklist = Files.writeString(dir.resolve("c.md"), """
                ## Security
                - [ ] Firewall:
                  - [ ] Allow HTTPS (443)
                - [ ] Throttling <!-- preflight: http.rate-limit path=/api burst=40 -->
                """);

        String out = run("lint", checklist.toString()).out();

        assertThat(out).containsPattern("\\n    2  Firewall: +→ host\\.firewall\\n")
                .containsPattern("\\n    3    Allow HTTPS \\(443\\) +→ host\\.firewall port=443\\n")
                .containsPattern("→ http\\.rate-limit burst=40 path=/api  \\[its preflight comment\\]");
    }

    @Test
    void aBadBindingExitsTwoWithFileAndLine() throws Exception {
        Path checklist = Files.writeString(dir.resolve("c.md"), "# Launch\n- [ ] Throttling <!-- preflight: http.nope -->\n");

        Result r = run("lint", checklist.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(checklist + ":2: unknown check 'http.nope'");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anUnknownFormatExitsTwo() throws Exception {
        assertThat(run("lint", "--format", "xml", realChecklist().toString()).exit()).isEqualTo(2);
    }

    private static Path realChecklist() throws URISyntaxException {
        return Path.of(LintCommandTest.class.getResource("/checklists/flask-image-upscaler.md").toURI());
    }

    /** Runs the CLI in this JVM with standard output and error captured, and restores them after. */
    static Result run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            int exit = Main.run(args);
            return new Result(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
