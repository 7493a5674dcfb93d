package dev.preflight.checks.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.preflight.check.CheckContext;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Status;
import dev.preflight.collect.HttpProbe;
import dev.preflight.collect.LocalServer;

class MetricsCheckTest {
    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private LocalServer server;

    @BeforeEach
    void start() throws Exception {
        server = LocalServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static String sample(String name) throws IOException {
        try (InputStream in = MetricsCheckTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Outcome check(Map<String, String> params) {
        return check(params, server.probe());
    }

    private static Outcome check(Map<String, String> params, HttpProbe probe) {
        return new MetricsCheck().run(new CheckContext(new Params(params), "Verify metrics endpoint", null, probe, false, null));
    }

    @Test
    void passesOnPythonPrometheusClientOutput() throws Exception {
        server.route("/metrics", 200, TEXT_FORMAT, sample("prometheus_client.txt"));

        Outcome outcome = check(Map.of());

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("25 samples in 10 metric families");
        assertThat(outcome.evidence()).contains(new Evidence.Measurement("samples", 25, ""));
    }

    @Test
    void passesOnNodeExporterOutputAtTheSpringPath() throws Exception {
        server.route("/actuator/prometheus", 200, TEXT_FORMAT, sample("node_exporter.txt"));

        Outcome outcome = check(Map.of());

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("21 samples in 8 metric families");
    }

    @Test
    void passesOnOpenMetricsWithExemplarsAndEof() throws Exception {
        server.route("/internal/metrics", 200, "application/openmetrics-text; version=1.0.0; charset=utf-8", sample("openmetrics.txt"));

        Outcome outcome = check(Map.of("path", "/internal/metrics"));

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("12 samples in 4 metric families");
    }

    @Test
    void failsOnAnHtmlPageServedAtMetrics() throws Exception {
        server.route("/metrics", 200, "text/html; charset=utf-8", sample("spa-index.html"));

        Outcome outcome = check(Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("not Prometheus text: line 1 is not a sample or comment");
        assertThat(outcome.evidence()).contains(new Evidence.Note("line 1: <!doctype html>"));
    }

    @Test
    void failsOnJsonMetrics() {
        server.route("/metrics", 200, "application/json", "{\"requests\": 118, \"errors\": 3}");

        assertThat(check(Map.of()).status()).isEqualTo(Status.FAIL);
    }

    @Test
    void failsWhenTheEndpointHoldsNoSamples() {
        server.route("/metrics", 200, TEXT_FORMAT, "# HELP up Whether the target is up.\n# TYPE up gauge\n");

        Outcome outcome = check(Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("the metrics endpoint answered but holds no samples");
    }

    @Test
    void failsWhenNoMetricsEndpointExists() {
        Outcome outcome = check(Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("no metrics endpoint answered 2xx (tried /metrics, /actuator/prometheus, /api/metrics)");
    }

    @Test
    void isAnErrorWhenTheDeploymentIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        HttpProbe probe = new HttpProbe(URI.create("http://127.0.0.1:" + closedPort), HttpProbe.client(Duration.ofSeconds(2), null),
                Map.of(), Duration.ofSeconds(2));

        Outcome outcome = check(Map.of(), probe);

        assertThat(outcome.status()).isEqualTo(Status.ERROR);
        assertThat(outcome.summary()).isEqualTo("metrics endpoint could not be reached: connection refused or unreachable");
    }
}
