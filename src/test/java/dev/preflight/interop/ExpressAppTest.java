package dev.preflight.interop;

import static dev.preflight.interop.InteropRun.HEALTH;
import static dev.preflight.interop.InteropRun.METRICS;
import static dev.preflight.interop.InteropRun.READINESS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Status;
import dev.preflight.report.Report;

class ExpressAppTest {
    @TempDir
    Path dir;

    @Test
    void passesOnHealthProbesAndPromClientMetrics() throws Exception {
        try (ExpressApp app = ExpressApp.start(dir)) {
            Report report = InteropRun.check(dir, app.url());

            assertThat(InteropRun.result(report, HEALTH).summary()).startsWith("/health answered 200 in ");
            assertThat(InteropRun.result(report, READINESS).status()).isEqualTo(Status.PASS);
            Report.CheckReport metrics = InteropRun.result(report, METRICS);
            assertThat(metrics.status()).as(metrics.summary()).isEqualTo(Status.PASS);
            assertThat(report.verdict()).isEqualTo(Report.Verdict.GO);
        }
    }

    @Test
    void failsWhenMetricsAnswersJson() throws Exception {
        try (ExpressApp app = ExpressApp.withJsonMetrics(dir)) {
            Report report = InteropRun.check(dir, app.url());

            Report.CheckReport metrics = InteropRun.result(report, METRICS);
            assertThat(metrics.status()).isEqualTo(Status.FAIL);
            assertThat(metrics.summary()).isEqualTo("not Prometheus text: line 1 is not a sample or comment");
            assertThat(InteropRun.result(report, HEALTH).status()).isEqualTo(Status.PASS);
            assertThat(report.verdict()).isEqualTo(Report.Verdict.NO_GO);
        }
    }
}
