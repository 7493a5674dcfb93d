package dev.preflight.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.preflight.check.Evidence;
import dev.preflight.check.Status;
import dev.preflight.report.Report.CheckReport;
import dev.preflight.report.Report.ItemReport;

class SarifReportTest {

    @Test
    void isValidAgainstTheOasisSchema(@TempDir Path dir) throws Exception {
        try (RealRun run = RealRun.in(dir)) {
            for (Report report : List.of(run.report(), run.unreachableReport(), withRepoLine(run.report()), relative(run.report()))) {
                assertThat(Schemas.problems(Schemas.sarif(), new SarifReport().render(report))).isEmpty();
            }
        }
    }

    @Test
    void aLoadRunsLatencyProfileIsOneLineOfTheResult() throws Exception {
        var profile = SampleLoadRuns.stalled(SampleLoadRuns.TARGET);
        String sarif = new SarifReport().render(SampleLoadRuns.report(profile));
        assertThat(Schemas.problems(Schemas.sarif(), sarif)).isEmpty();
        JsonNode result = parse(sarif).at("/runs/0/results/0");
        assertThat(result.get("ruleId").asText()).isEqualTo("load.latency");
        assertThat(result.at("/message/text").asText()).contains("\n" + profile.describe() + "\n");
    }

    @Test
    void theSchemaRejectsWhatCodeScanningWouldToo() {
        String noMessage = "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"x\"}},\"results\":[{\"ruleId\":\"a\"}]}]}";
        assertThat(Schemas.problems(Schemas.sarif(), noMessage)).isNotEmpty();
    }

    @Test
    void keepsGitHubCodeScanningRules(@TempDir Path dir) throws Exception {
        try (RealRun run = RealRun.in(dir)) {
            for (Report report : List.of(run.report(), run.unreachableReport())) {
                JsonNode sarifRun = parse(new SarifReport().render(report)).get("runs").get(0);
                JsonNode driver = sarifRun.get("tool").get("driver");
                assertThat(driver.get("name").asText()).isEqualTo("preflight");
                assertThat(driver.get("version").asText()).isNotBlank();
                assertThat(driver.get("informationUri").asText()).startsWith("https://");
                assertThat(sarifRun.get("automationDetails").get("id").asText()).isEqualTo("preflight/PRODUCTION_CHECKLIST.md/");

                List<String> ruleIds = new ArrayList<>();
                for (JsonNode rule : driver.get("rules")) {
                    ruleIds.add(rule.get("id").asText());
                    assertThat(rule.get("shortDescription").get("text").asText()).isNotBlank();
                    assertThat(rule.get("fullDescription").get("text").asText()).isNotBlank();
                    assertThat(rule.get("help").get("text").asText()).isNotBlank();
                    assertThat(rule.get("help").get("markdown").asText()).isNotBlank();
                }
                assertThat(ruleIds).doesNotHaveDuplicates().contains("http.health", "http.metrics", "repo.env-ignored", SarifReport.MANUAL_RULE);

                Set<String> fingerprints = new HashSet<>();
                assertThat(sarifRun.get("results")).isNotEmpty();
                for (JsonNode result : sarifRun.get("results")) {
                    String ruleId = result.get("ruleId").asText();
                    assertThat(ruleIds).contains(ruleId);
                    assertThat(ruleIds.get(result.get("ruleIndex").asInt())).isEqualTo(ruleId);
                    assertThat(result.get("message").get("text").asText()).isNotBlank();
                    JsonNode physical = result.get("locations").get(0).get("physicalLocation");
                    assertThat(physical.get("artifactLocation").get("uri").asText()).isNotBlank();
                    assertThat(physical.get("region").get("startLine").asInt()).isPositive();
                    String fingerprint = result.get("partialFingerprints").get(SarifReport.FINGERPRINT).asText();
                    assertThat(fingerprint).hasSize(32);
                    assertThat(fingerprints.add(fingerprint)).as("fingerprints are unique within a run").isTrue();
                }
            }
        }
    }

    @Test
    void resultsFollowThePolicy(@TempDir Path dir) throws Exception {
        try (RealRun run = RealRun.in(dir)) {
            Report report = run.report();
            JsonNode results = parse(new SarifReport().render(report)).get("runs").get(0).get("results");
            Map<String, String> levels = new java.util.TreeMap<>();
            for (JsonNode r : results) {
                levels.merge(r.get("level").asText(), r.get("ruleId").asText(), (a, b) -> a);
            }
            assertThat(levels).containsOnlyKeys("error", "warning", "note");

            long manual = report.items().stream().filter(i -> i.status() == Status.MANUAL).count();
            long failWarn = report.items().stream().flatMap(i -> i.checks().stream())
                    .filter(c -> c.status() == Status.FAIL || c.status() == Status.WARN || c.status() == Status.ERROR).count();
            assertThat(results).hasSize((int) (manual + failWarn));

            ItemReport metrics = RealRun.item(report, RealRun.FALSE_CLAIM);
            JsonNode metricsResult = resultFor(results, "http.metrics");
            assertThat(metricsResult.get("level").asText()).isEqualTo("error");
            assertThat(location(metricsResult).get("artifactLocation").get("uri").asText())
                    .isEqualTo(Path.of(report.checklist().path()).toUri().toASCIIString());
            assertThat(location(metricsResult).get("region").get("startLine").asInt()).isEqualTo(metrics.line());
            assertThat(metricsResult.get("properties").get("falseClaim").asBoolean()).isTrue();
            assertThat(metricsResult.get("message").get("text").asText()).startsWith("not Prometheus text")
                    .contains("& \\]\\]>").doesNotContain("& ]]>");

            JsonNode slow = results.findParents("ruleId").stream()
                    .filter(r -> r.get("level").asText().equals("warning")).findFirst().orElseThrow();
            assertThat(slow.get("ruleId").asText()).isEqualTo("http.health");
            assertThat(slow.get("properties").get("itemStatus").asText()).isEqualTo("WARN");

            JsonNode waived = results.findParents("suppressions").getFirst();
            assertThat(waived.get("suppressions").get(0).get("status").asText()).isEqualTo("accepted");
            assertThat(waived.get("suppressions").get(0).get("justification").asText()).startsWith("waived by Lee: probe ships next sprint");

            JsonNode manualResult = resultFor(results, SarifReport.MANUAL_RULE);
            assertThat(manualResult.get("level").asText()).isEqualTo("note");
            assertThat(results.findParents("ruleId").stream().map(r -> r.get("properties").get("itemStatus").asText()))
                    .doesNotContain("SKIP", "PASS", "ATTESTED");
        }
    }

    @Test
    void aRepositoryLineLocatesTheResultThereAndTheChecklistLineIsRelated(@TempDir Path dir) throws Exception {
        try (RealRun run = RealRun.in(dir)) {
            Report report = withRepoLine(run.report());
            JsonNode result = resultFor(parse(new SarifReport().render(report)).get("runs").get(0).get("results"), "repo.env-ignored");
            JsonNode location = location(result);
            assertThat(location.get("artifactLocation").get("uri").asText()).isEqualTo("config/app%20settings.py");
            assertThat(location.get("artifactLocation").get("uriBaseId").asText()).isEqualTo("%SRCROOT%");
            assertThat(location.get("region").get("startLine").asInt()).isEqualTo(7);
            JsonNode related = result.get("relatedLocations").get(0);
            assertThat(related.get("physicalLocation").get("region").get("startLine").asInt())
                    .isEqualTo(RealRun.item(report, RealRun.HOSTILE_FAIL).line());
            assertThat(related.get("message").get("text").asText()).startsWith("checklist item: Secrets <b>never</b>");
        }
    }

    @Test
    void fingerprintsAreStableAcrossRunsAndLineMoves(@TempDir Path dir) throws Exception {
        try (RealRun run = RealRun.in(dir)) {
            List<String> first = fingerprints(new SarifReport().render(run.report()));
            List<String> second = fingerprints(new SarifReport().render(run.report()));
            assertThat(second).isEqualTo(first);
        }
        assertThat(SarifReport.fingerprint("http.health", "testing/test-health-check-endpoint"))
                .isEqualTo(SarifReport.fingerprint("http.health", "testing/test-health-check-endpoint"))
                .isNotEqualTo(SarifReport.fingerprint("http.metrics", "testing/test-health-check-endpoint"));
    }

    @Test
    void helpIsTheChecksDocumentationWhenThereIsOne(@TempDir Path dir) throws Exception {
        String doc = "# http.metrics\n\nThe metrics endpoint serves <Prometheus> text.\nIt is scraped.\n\n## How to fix\n\nServe it.\n";
        SarifReport writer = new SarifReport(id -> id.equals("http.metrics") ? Optional.of(doc) : Optional.empty());
        try (RealRun run = RealRun.in(dir)) {
            JsonNode rules = parse(writer.render(run.report())).get("runs").get(0).get("tool").get("driver").get("rules");
            JsonNode metrics = rules.findParents("id").stream().filter(r -> r.get("id").asText().equals("http.metrics")).findFirst().orElseThrow();
            assertThat(metrics.get("help").get("markdown").asText()).isEqualTo(doc);
            assertThat(metrics.get("help").get("text").asText()).isEqualTo(doc);
            assertThat(metrics.get("fullDescription").get("text").asText()).isEqualTo("The metrics endpoint serves <Prometheus> text. It is scraped.");
            assertThat(metrics.get("shortDescription").get("text").asText()).isEqualTo("Metrics endpoint serves Prometheus text");

            JsonNode health = rules.findParents("id").stream().filter(r -> r.get("id").asText().equals("http.health")).findFirst().orElseThrow();
            assertThat(health.get("help").get("text").asText()).startsWith("Health endpoint answers.")
                    .contains("preflight explain http.health");
        }
    }

    @Test
    void pathsBecomeUris() {
        assertThat(SarifReport.uri("PRODUCTION_CHECKLIST.md").uri()).isEqualTo("PRODUCTION_CHECKLIST.md");
        assertThat(SarifReport.uri("./docs/run book.md").uri()).isEqualTo("docs/run%20book.md");
        assertThat(SarifReport.uri("docs\\ops.md").uri()).isEqualTo("docs/ops.md");
        assertThat(SarifReport.uri("/srv/app/CHECKLIST.md").uri()).isEqualTo("file:///srv/app/CHECKLIST.md");
        assertThat(SarifReport.uri("/srv/app/CHECKLIST.md").relative()).isFalse();
        assertThat(SarifReport.plain("a [link](x) \\ b")).isEqualTo("a \\[link\\](x) \\\\ b");
    }

    @Test
    void aRelativeChecklistIsLocatedRelativeToTheSourceRoot(@TempDir Path dir) throws Exception {
        try (RealRun run = RealRun.in(dir)) {
            JsonNode results = parse(new SarifReport().render(relative(run.report()))).get("runs").get(0).get("results");
            JsonNode artifact = location(resultFor(results, "http.metrics")).get("artifactLocation");
            assertThat(artifact.get("uri").asText()).isEqualTo("PRODUCTION_CHECKLIST.md");
            assertThat(artifact.get("uriBaseId").asText()).isEqualTo("%SRCROOT%");
        }
    }

    /** The real report, as if the failing env check had pointed at a line in the repository. */
    private static Report withRepoLine(Report report) {
        List<ItemReport> items = report.items().stream().map(i -> {
            if (!i.text().equals(RealRun.HOSTILE_FAIL)) {
                return i;
            }
            CheckReport c = i.checks().getFirst();
            List<Evidence> evidence = new ArrayList<>(c.evidence());
            evidence.addFirst(new Evidence.FileLine("config/app settings.py", 7, "load_dotenv('.env')"));
            CheckReport moved = new CheckReport(c.id(), c.title(), c.status(), c.summary(), c.params(), evidence, c.remediation(), c.durationMs());
            return new ItemReport(i.id(), i.line(), i.text(), i.section(), i.parent(), i.claimed(), i.status(), i.falseClaim(),
                    i.blocking(), i.reason(), List.of(moved), i.attestation(), i.waiver());
        }).toList();
        return new Report(report.schema(), report.tool(), report.checklist(), report.verdict(), report.counts(), report.coverage(),
                report.reasons(), report.warnings(), items, report.generatedAt(), report.durationMs(), report.interrupted());
    }

    /** The real report, as a run from the repository root with a relative checklist path would give it. */
    private static Report relative(Report report) {
        return new Report(report.schema(), report.tool(), new Report.ChecklistInfo("PRODUCTION_CHECKLIST.md", report.checklist().items()),
                report.verdict(), report.counts(), report.coverage(), report.reasons(), report.warnings(), report.items(), report.generatedAt(),
                report.durationMs(), report.interrupted());
    }

    private static JsonNode resultFor(JsonNode results, String ruleId) {
        for (JsonNode r : results) {
            if (r.get("ruleId").asText().equals(ruleId)) {
                return r;
            }
        }
        throw new AssertionError("no result for " + ruleId);
    }

    private static JsonNode location(JsonNode result) {
        return result.get("locations").get(0).get("physicalLocation");
    }

    private static List<String> fingerprints(String sarif) throws Exception {
        List<String> out = new ArrayList<>();
        parse(sarif).get("runs").get(0).get("results").forEach(r -> out.add(r.get("partialFingerprints").get(SarifReport.FINGERPRINT).asText()));
        return out;
    }

    private static JsonNode parse(String json) throws Exception {
        return Schemas.JSON.readTree(json);
    }
}
