package dev.preflight.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
