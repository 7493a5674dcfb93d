package dev.preflight.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.check.Status;

/** The contract every format keeps: a header credential given to the probes appears in no report. */
class ReportWriterTest {

    static List<ReportWriter> all() {
        return List.of(new TextReport(false), new TextReport(true), new JsonReport(), new MarkdownReport(),
                new JUnitReport(), new SarifReport(), new HtmlReport());
    }

    @Test
    void noFormatPrintsAHeaderCredential(@TempDir Path dir) throws Exception {
        try (RealRun run = RealRun.in(dir)) {
            for (Report report : List.of(run.report(), run.unreachableReport())) {
                for (ReportWriter writer : all()) {
                    assertThat(writer.render(report)).as(writer.getClass().getSimpleName())
                            .isNotBlank()
                            .doesNotContain(RealRun.SECRET);
                }
            }
        }
    }

    @Test
    void writersArePure(@TempDir Path dir) throws Exception {
        try (RealRun run = RealRun.in(dir)) {
            Report report = run.report();
            for (ReportWriter writer : all()) {
                assertThat(writer.render(report)).as(writer.getClass().getSimpleName()).isEqualTo(writer.render(report));
            }
        }
    }

    /** Two items whose check found no metrics to judge: one waiting for a sign-off, one signed off. */
    private static Report manualChecks() {
        String reason = "no metrics endpoint answered 2xx (tried /metrics, /actuator/prometheus, /api/metrics)";
        Report.CheckReport check = new Report.CheckReport("load.memory-stable", "Memory stays flat under load", Status.MANUAL, reason,
                Map.of(), List.of(new Evidence.Http("GET http://127.0.0.1:8080/metrics", "404", 2L)), "Expose process metrics.", 5);
        Report.ItemReport waiting = new Report.ItemReport("performance/memory-usage-stable", 3, "Memory usage stable", List.of("Performance"),
                null, false, Status.MANUAL, false, true, reason, List.of(check), null, null);
        Report.ItemReport signed = new Report.ItemReport("performance/no-memory-leaks", 4, "No memory leaks", List.of("Performance"),
                null, true, Status.ATTESTED, false, true, "attested by Dana Kim (sre)", List.of(check),
                new Report.AttestationInfo("Dana Kim", "sre", Instant.parse("2026-11-20T09:00:00Z"), LocalDate.of(2026, 12, 20), null, "fresh"),
                null);
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, s == Status.MANUAL || s == Status.ATTESTED ? 1 : 0);
        }
        return new Report(Report.SCHEMA, new Report.Tool("preflight", "test"), new Report.ChecklistInfo("CHECKLIST.md", 2),
                Report.Verdict.NO_GO, counts, new Report.Coverage(List.of("url"), 0, 2, 1, 0, Map.of(),
                "0 of 2 items verified by machine against url; 2 manual (1 attested); 0 unverified"),
                List.of("1 blocking item is MANUAL without a fresh attestation"), List.of(), List.of(waiting, signed),
                Instant.parse("2026-11-22T10:00:00Z"), 12, false);
    }

    @Test
    void everyFormatShowsAnItemWhoseCheckIsManual() {
        Report report = manualChecks();

        for (ReportWriter writer : all()) {
            assertThat(writer.render(report)).as(writer.getClass().getSimpleName()).contains("no metrics endpoint answered 2xx");
        }
        // Markdown and SARIF list what needs attention; a signed-off item is not among it.
        for (ReportWriter writer : List.of(new TextReport(false), new JsonReport(), new JUnitReport(), new HtmlReport())) {
            assertThat(writer.render(report)).as(writer.getClass().getSimpleName()).contains("No memory leaks");
        }
        assertThat(Schemas.problems(Schemas.report(), new JsonReport().render(report))).isEmpty();
        assertThat(new TextReport(false).render(report))
                .contains("MANUAL   Memory usage stable")
                .contains("attested by Dana Kim (sre) (load.memory-stable: no metrics endpoint answered 2xx");
        assertThat(new SarifReport().render(report)).contains("Manual item needs an attestation: Memory usage stable (no metrics endpoint");
    }
}
