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

class FlaskAppTest {
    @TempDir
    Path dir;

    @Test
    void passesOnHealthProbesAndPrometheusClientMetrics() throws Exception {
        try (FlaskApp app = FlaskApp.start(dir)) {
            Report report = InteropRun.check(dir, app.url());

            assertThat(InteropRun.result(report, HEALTH).summary()).startsWith("/health answered 200 in ");
            assertThat(InteropRun.result(report, READINESS).summary())
                    .startsWith("readiness /health/ready and liveness /health/live answer 2xx on distinct paths");
            Report.CheckReport metrics = InteropRun.result(report, METRICS);
            assertThat(metrics.status()).as(metrics.summary()).isEqualTo(Status.PASS);
            assertThat(metrics.summary()).matches("\\d+ samples in \\d+ metric families");
            assertThat(report.verdict()).isEqualTo(Report.Verdict.GO);
        }
    }

    @Test
    void failsWhenHealthAnswers500() throws Exception {
        try (FlaskApp app = FlaskApp.withFailingHealth(dir)) {
            Report report = InteropRun.check(dir, app.url());

            Report.CheckReport health = InteropRun.result(report, HEALTH);
            assertThat(health.status()).isEqualTo(Status.FAIL);
            assertThat(health.summary()).isEqualTo("no health endpoint answered 2xx (tried /health, /healthz, /api/health, /actuator/health, /status)");
            assertThat(health.evidence()).first().satisfies(e -> assertThat(e.describe()).contains("/health -> HTTP 500, application/json"));
            assertThat(InteropRun.result(report, READINESS).status()).isEqualTo(Status.PASS);
            assertThat(report.verdict()).isEqualTo(Report.Verdict.NO_GO);
        }
    }
}
