package dev.preflight.interop;

import static dev.preflight.interop.InteropRun.HEALTH;
import static dev.preflight.interop.InteropRun.METRICS;
import static dev.preflight.interop.InteropRun.READINESS;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.CheckContext;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Status;
import dev.preflight.checks.config.UploadLimitCheck;
import dev.preflight.collect.RepoSnapshot;
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

    /** config.upload-limit reads express.json() without a limit as body-parser's 100kb; the real server agrees to the byte. */
    @Test
    void passesOnExpressJsonsDefaultLimitAndFailsASmallerItemSizeAsTheServerEnforcesIt() throws Exception {
        try (ExpressApp app = ExpressApp.start(dir)) {
            Outcome withinMegabyte = limitCheck("Request size limits (1MB)", "1MB");
            Outcome within64k = limitCheck("Request size limits (64KB)", "64KB");

            assertThat(withinMegabyte.status()).as(withinMegabyte.toString()).isEqualTo(Status.PASS);
            assertThat(withinMegabyte.evidence()).extracting(Evidence::describe)
                    .containsExactly("server.js:19: express.json() without limit: Express's default (100 KB)");
            assertThat(within64k.status()).isEqualTo(Status.FAIL);
            assertThat(post(app.url(), 100 * 1024)).as("a body of exactly 100 KB").isEqualTo(201);
            assertThat(post(app.url(), 100 * 1024 + 1)).as("one byte more").isEqualTo(413);
        }
    }

    private Outcome limitCheck(String item, String maxSize) {
        return new UploadLimitCheck().run(new CheckContext(new Params(Map.of("maxSize", maxSize)), item, new RepoSnapshot(dir), null, false));
    }

    /** POSTs a JSON object of exactly {@code bytes} bytes to /orders and returns the status. */
    private static int post(URI base, int bytes) throws Exception {
        String prefix = "{\"note\":\"";
        String suffix = "\"}";
        String body = prefix + "x".repeat(bytes - prefix.length() - suffix.length()) + suffix;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/orders")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
