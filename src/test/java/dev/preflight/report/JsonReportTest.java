package dev.preflight.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.preflight.check.Evidence;
import dev.preflight.load.LatencyPoint;

class JsonReportTest {

    @Test
    void realOutputIsValidAgainstThePublishedSchema(@TempDir Path dir) throws Exception {
        try (RealRun run = RealRun.in(dir)) {
            for (Report report : List.of(run.report(), run.unreachableReport())) {
                String json = new JsonReport().render(report);
                assertThat(Schemas.problems(Schemas.report(), json)).isEmpty();
                assertThat(undocumented(Schemas.JSON.readTree(json))).isEmpty();
            }
        }
    }

    @Test
    void aLoadRunsLatencyProfileIsValidAgainstThePublishedSchema() throws Exception {
        var single = new Evidence.LatencyProfile(SampleLoadRuns.TARGET, List.of(new LatencyPoint(100, 3)), List.of());
        String json = new JsonReport().render(SampleLoadRuns.report(SampleLoadRuns.stalled(SampleLoadRuns.TARGET), single));
        assertThat(Schemas.problems(Schemas.report(), json)).isEmpty();
        assertThat(undocumented(Schemas.JSON.readTree(json))).isEmpty();

        JsonNode profile = Schemas.JSON.readTree(json).at("/items/0/checks/0/evidence/1");
        assertThat(profile.get("kind").asText()).isEqualTo("latency");
        assertThat(profile.get("percentiles")).hasSize(7);
        assertThat(profile.at("/timeline/6/p95").asDouble()).isEqualTo(1800);
        assertThat(profile.at("/timeline/6/errors").asLong()).isEqualTo(12);
    }

    @Test
    void theSchemaRejectsALatencyProfileWithoutItsTimeline() {
        String json = new JsonReport().render(SampleLoadRuns.report(SampleLoadRuns.stalled(SampleLoadRuns.TARGET))).replace("\"timeline\"", "\"timelime\"");
        assertThat(Schemas.problems(Schemas.report(), json)).isNotEmpty();
    }

    @Test
    void theSchemaRequiresExactlyTheFieldsOfTheContract() throws Exception {
        JsonNode schema = Schemas.JSON.readTree(Files.readString(Path.of("docs/report-schema.json")));
        assertThat(strings(schema.get("required"))).containsExactly("schema", "tool", "checklist", "verdict", "counts", "items");
        assertThat(strings(schema.at("/properties/tool/required"))).containsExactly("name", "version");
        assertThat(strings(schema.at("/properties/checklist/required"))).containsExactly("path", "items");
        assertThat(strings(schema.at("/properties/counts/required")))
                .containsExactlyInAnyOrder("PASS", "FAIL", "WARN", "ERROR", "SKIP", "MANUAL", "ATTESTED", "WAIVED");
        assertThat(strings(schema.at("/$defs/item/required")))
                .containsExactly("id", "line", "text", "section", "claimed", "status", "falseClaim", "checks");
        assertThat(strings(schema.at("/$defs/check/required")))
                .containsExactly("id", "status", "summary", "params", "evidence", "durationMs");
    }

    @Test
    void theSchemaRejectsABrokenReport(@TempDir Path dir) throws Exception {
        try (RealRun run = RealRun.in(dir)) {
            String json = new JsonReport().render(run.report()).replace("\"verdict\" : \"NO_GO\"", "\"verdict\" : \"MAYBE\"");
            assertThat(Schemas.problems(Schemas.report(), json)).singleElement().asString().contains("verdict");
        }
    }

    /** Fields of the output the schema does not describe: a new field must be documented there. */
    private static List<String> undocumented(JsonNode report) throws Exception {
        JsonNode schema = Schemas.JSON.readTree(Files.readString(Path.of("docs/report-schema.json")));
        List<String> out = new ArrayList<>();
        walk(report, schema, schema, "", out);
        return out;
    }

    private static void walk(JsonNode value, JsonNode schema, JsonNode root, String where, List<String> out) {
        if (schema.has("$ref")) {
            schema = root.at(schema.get("$ref").asText().substring(1));
        }
        if (value.isArray() && schema.has("items")) {
            for (JsonNode element : value) {
                walk(element, schema.get("items"), root, where + "[]", out);
            }
            return;
        }
        if (!value.isObject()) {
            return;
        }
        if (schema.has("oneOf")) {
            for (JsonNode option : schema.get("oneOf")) {
                if (option.at("/properties/kind/const").asText().equals(value.path("kind").asText())) {
                    schema = option;
                }
            }
        }
        JsonNode properties = schema.get("properties");
        JsonNode additional = schema.get("additionalProperties");
        for (var field : (Iterable<java.util.Map.Entry<String, JsonNode>>) value::fields) {
            String name = where + "/" + field.getKey();
            if (properties != null && properties.has(field.getKey())) {
                walk(field.getValue(), properties.get(field.getKey()), root, name, out);
            } else if (additional != null && additional.isObject()) {
                walk(field.getValue(), additional, root, name, out);
            } else {
                out.add(name);
            }
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
