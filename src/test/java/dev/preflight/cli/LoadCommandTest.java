package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.preflight.collect.LocalServer;

/** {@code preflight load} against an in-JVM server: scenarios from the config or the options, thresholds, exit codes, plan, JSON. */
class LoadCommandTest {
    @TempDir
    Path dir;
    private LocalServer server;
    private final AtomicInteger hits = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = LocalServer.start().fallback(exchange -> {
            hits.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            boolean broken = exchange.getRequestURI().getPath().equals("/broken");
            LocalServer.respond(exchange, broken ? 500 : 200, "text/plain", "ok");
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void passesWhenTheOptionsScenarioMeetsItsThresholds() {
        LintCommandTest.Result r = LintCommandTest.run("load", "--url", server.base().toString(), "--rate", "40", "--duration", "2s",
                "--path", "/api", "--threshold", "p(95)<2s", "--threshold", "max<5s");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("preflight: scenario 'command-line' (the command line): load: GET " + server.base()
                                        + "/api, open model, 40 requests a second, at most 80 requests in 2 s");
        assertThat(r.out()).contains("ran 2.0 s", "80 requests", "met      p(95)<2s: measured ", "met      max<5s", "  PASS",
                "load: every threshold met");
        assertThat(r.out()).containsPattern("\\d+\\.\\d\\d ms – +\\d+\\.\\d\\d ms +#+ \\d+");
        assertThat(hits).hasValue(80);
    }

    @Test
    void failsWithExitOneWhenAThresholdIsLostAndAbortsEarlyWhenAsked() {
        LintCommandTest.Result r = LintCommandTest.run("load", "--url", server.base().toString(), "--rate", "50", "--duration", "20s",
                "--path", "/broken", "--threshold", "rate<0.01", "--abort-on-fail");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("stopped by an early abort: rate<0.01 can no longer be met", "NOT met  rate<0.01", "  FAIL",
                "load: NOT every threshold met");
        assertThat(hits.get()).isLessThan(500);
    }

    @Test
    void runsTheConfigsScenariosByNameAndReportsJson() throws Exception {
        Path config = Files.writeString(dir.resolve("preflight.yaml"), """
                targets:
                  urls: ["%s"]
                load:
                  scenarios:
                    home: {rate: 20, duration: 2s, thresholds: ["p(99)<3s"]}
                    rare:
                      connections: 2
                      maxRequests: 30
                      thresholds: ["rate<0.01"]
                """.formatted(server.base()), StandardCharsets.UTF_8);

        LintCommandTest.Result r = LintCommandTest.run("load", "--config", config.toString(), "--format", "json", "rare", "home");

        assertThat(r.exit()).as(r.out()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("schema").asText()).isEqualTo("preflight-load/1");
        assertThat(json.get("passed").asBoolean()).isFalse();
        JsonNode rare = json.get("runs").get(0);
        assertThat(rare.get("scenario").asText()).isEqualTo("rare");
        assertThat(rare.get("sent").asLong()).isEqualTo(30);
        assertThat(rare.get("verdict").asText()).isEqualTo("INCONCLUSIVE");
        assertThat(rare.get("thresholds").get(0).get("note").asText()).isEqualTo("insufficient evidence: needs 300 requests, the run sent 30");
        JsonNode home = json.get("runs").get(1);
        assertThat(home.get("verdict").asText()).isEqualTo("PASS");
        assertThat(home.get("latencyMs").get("p50").asDouble()).isPositive();
        assertThat(home.get("histogram")).isNotEmpty();
        assertThat(home.get("profile").get("timeline")).isNotEmpty();
        assertThat(home.get("profile").get("kind").asText()).isEqualTo("latency");
    }

    @Test
    void planShowsEveryRunsBoundsAndSendsNothing() throws Exception {
        Path config = Files.writeString(dir.resolve("preflight.yaml"), """
                load:
                  scenarios:
                    api: {connections: 5, duration: 1m, ramp: 10s}
                """, StandardCharsets.UTF_8);
        LintCommandTest.Result r = LintCommandTest.run("load", "--config", config.toString(), "--url", server.base().toString(), "--plan",
                "--header", "Authorization: Bearer s3cr3t-token-value");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("scenario 'api' (" + config + ":3): load: GET " + server.base()
                                        + "/, closed model, 5 connections, ramp 10 s, at most 5000 requests in 60 s");
        assertThat(r.out() + r.err()).doesNotContain("s3cr3t");
        assertThat(hits).hasValue(0);
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        String url = server.base().toString();
        assertThat(LintCommandTest.run("load", "--url", url, "--rate", "5", "--connections", "2").err())
                .isEqualTo("preflight: give rate (open model) or connections (closed model), not both\n");
        assertThat(LintCommandTest.run("load", "--url", url, "--threshold", "p95<1").exit()).isEqualTo(2);
        assertThat(LintCommandTest.run("load", "--url", url, "nothere").err())
                .isEqualTo("preflight: no load scenario 'nothere' in preflight.yaml (there are none)\n");
        assertThat(LintCommandTest.run("load", "--url", "ftp://x").exit()).isEqualTo(2);
        assertThat(LintCommandTest.run("load").err()).contains("give the deployment's base URL with --url");
        assertThat(LintCommandTest.run("load", "--url", url, "--format", "xml", "--rate", "1").exit()).isEqualTo(2);
        assertThat(hits).hasValue(0);
    }
}
