package dev.preflight.interop;

import static dev.preflight.interop.InteropRun.HEALTH;
import static dev.preflight.interop.InteropRun.METRICS;
import static dev.preflight.interop.InteropRun.READINESS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Status;
import dev.preflight.collect.HttpProbe;
import dev.preflight.interop.Nginx.Page;
import dev.preflight.report.Report;

class NginxTest {
    /** What a node_exporter-style Prometheus endpoint serves: HELP and TYPE lines, labels, a histogram. */
    static final String PROMETHEUS_SAMPLE = """
            # HELP http_requests_total The total number of HTTP requests.
            # TYPE http_requests_total counter
            http_requests_total{method="post",code="200"} 1027 1395066363000
            http_requests_total{method="post",code="400"}    3 1395066363000
            # HELP http_request_duration_seconds A histogram of the request duration.
            # TYPE http_request_duration_seconds histogram
            http_request_duration_seconds_bucket{le="0.05"} 24054
            http_request_duration_seconds_bucket{le="0.1"} 33444
            http_request_duration_seconds_bucket{le="+Inf"} 144320
            http_request_duration_seconds_sum 53423
            http_request_duration_seconds_count 144320
            # HELP process_start_time_seconds Start time of the process since unix epoch in seconds.
            # TYPE process_start_time_seconds gauge
            process_start_time_seconds 1.70590123456e+09
            """;

    @TempDir
    Path dir;

    private static Map<String, Page> rightPages() {
        Map<String, Page> pages = new LinkedHashMap<>();
        pages.put("/health", Page.json("{\"status\":\"ok\"}"));
        pages.put("/health/ready", Page.json("{\"status\":\"ready\"}"));
        pages.put("/health/live", Page.json("{\"status\":\"alive\"}"));
        pages.put("/metrics", new Page("text/plain; version=0.0.4", PROMETHEUS_SAMPLE));
        return pages;
    }

    @Test
    void passesAndFetchesEachPathOnce() throws Exception {
        try (Nginx nginx = Nginx.serve(dir, rightPages())) {
            Report report = InteropRun.check(dir, nginx.url());

            assertThat(InteropRun.result(report, HEALTH).status()).isEqualTo(Status.PASS);
            assertThat(InteropRun.result(report, READINESS).summary())
                    .startsWith("readiness /health/ready and liveness /health/live answer 2xx on distinct paths");
            assertThat(InteropRun.result(report, READINESS).status()).isEqualTo(Status.PASS);
            assertThat(InteropRun.result(report, METRICS).status()).isEqualTo(Status.PASS);
            assertThat(InteropRun.result(report, METRICS).summary()).isEqualTo("8 samples in 3 metric families");
            assertThat(report.verdict()).isEqualTo(Report.Verdict.GO);

            String ua = " \"" + HttpProbe.USER_AGENT + "\"";
            assertThat(nginx.requestsSinceStart()).containsExactlyInAnyOrder(
                    "GET /health 200" + ua, "GET /health/ready 200" + ua, "GET /health/live 200" + ua, "GET /metrics 200" + ua);
            // Every request nginx saw is one the report shows, and none was made twice.
            assertThat(nginx.requestsSinceStart()).map(line -> line.split(" ")[1])
                    .containsExactlyInAnyOrderElementsOf(InteropRun.requestedPaths(report));
        }
    }

    @Test
    void failsWhenMetricsIsAnHtmlPage() throws Exception {
        Map<String, Page> pages = rightPages();
        pages.put("/metrics", new Page("text/html", "<!DOCTYPE html>\n<html><body><h1>Metrics</h1></body></html>\n"));
        try (Nginx nginx = Nginx.serve(dir, pages)) {
            Report report = InteropRun.check(dir, nginx.url());

            Report.CheckReport metrics = InteropRun.result(report, METRICS);
            assertThat(metrics.status()).isEqualTo(Status.FAIL);
            assertThat(metrics.summary()).isEqualTo("not Prometheus text: line 1 is not a sample or comment");
            assertThat(InteropRun.result(report, HEALTH).status()).isEqualTo(Status.PASS);
            assertThat(report.verdict()).isEqualTo(Report.Verdict.NO_GO);
        }
    }
}
