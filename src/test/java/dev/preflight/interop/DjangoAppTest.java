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

class DjangoAppTest {
    @TempDir
    Path dir;

    @Test
    void passesOnHealthProbesAndOpenMetrics() throws Exception {
        try (DjangoApp app = DjangoApp.start(dir)) {
            Report report = InteropRun.check(dir, app.url());

            // APPEND_SLASH redirects /health to /health/, which probes and scrapers follow.
            assertThat(InteropRun.result(report, HEALTH).summary()).startsWith("/health/ answered 200 in ");
            assertThat(InteropRun.result(report, READINESS).summary())
                    .startsWith("readiness /health/ready/ and liveness /health/live/ answer 2xx on distinct paths");
            Report.CheckReport metrics = InteropRun.result(report, METRICS);
            assertThat(metrics.status()).as(metrics.summary()).isEqualTo(Status.PASS);
            assertThat(metrics.evidence()).first().satisfies(e -> assertThat(e.describe())
                    .contains("/metrics/ -> HTTP 200, application/openmetrics-text"));
            assertThat(report.verdict()).isEqualTo(Report.Verdict.GO);
        }
    }

    @Test
    void failsWhenHealthAnswersAnEmptyBody() throws Exception {
        try (DjangoApp app = DjangoApp.withEmptyHealth(dir)) {
            Report report = InteropRun.check(dir, app.url());

            Report.CheckReport health = InteropRun.result(report, HEALTH);
            assertThat(health.status()).isEqualTo(Status.FAIL);
            assertThat(health.summary()).isEqualTo("/health/ answered 200 with an empty body");
            assertThat(InteropRun.result(report, METRICS).status()).isEqualTo(Status.PASS);
            assertThat(report.verdict()).isEqualTo(Report.Verdict.NO_GO);
        }
    }
}
