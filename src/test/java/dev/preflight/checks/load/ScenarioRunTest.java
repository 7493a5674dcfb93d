package dev.preflight.checks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.binding.WordParams;
import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Status;
import dev.preflight.collect.LocalServer;
import dev.preflight.config.ConfigLoader;
import dev.preflight.load.LoadRuns;
import dev.preflight.load.Scenarios;

/** The load checks with scenarios from preflight.yaml: their thresholds, shared runs, uploads, and a name that is not there. */
class ScenarioRunTest {
    @TempDir
    Path dir;
    private LocalServer server;

    @BeforeEach
    void start() throws IOException {
        server = LocalServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private LoadRuns runs(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("preflight.yaml"), yaml, StandardCharsets.UTF_8);
        return new LoadRuns(Scenarios.from(ConfigLoader.load(file)));
    }

    private Outcome check(Check check, String item, Map<String, String> extra, LoadRuns runs) throws Exception {
        Params params = new Params(WordParams.of(item)).with(extra);
        return check.run(new CheckContext(params, item, null, server.probe(), true, null, runs));
    }

    private static List<String> lines(Outcome o) {
        return o.evidence().stream().map(Evidence::describe).toList();
    }

    @Test
    void failsOnTheScenarioThresholdThatIsLostAndShowsEachOnItsOwnLine() throws Exception {
        server.route("/api/items", 200, "application/json", "[]");
        LoadRuns runs = runs("""
                load:
                  scenarios:
                    api:
                      rate: 20
                      duration: 2s
                      thresholds: ["p(95)<2s", "max<0s"]
                      requests:
                        - path: /api/items
                """);
        Outcome outcome = check(new LatencyCheck(), "API response times are acceptable under load", Map.of(), runs);

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("max<0s: measured ").contains("requests of scenario 'api' at open model, 20 requests a second");
        assertThat(lines(outcome)).anySatisfy(l -> assertThat(l).startsWith("run: scenario 'api' (").endsWith("preflight.yaml:3)"))
                .anySatisfy(l -> assertThat(l).startsWith("p(95)<2s: measured ").endsWith(", met"))
                .anySatisfy(l -> assertThat(l).startsWith("max<0s: measured ").endsWith(", NOT met"));
        assertThat(outcome.evidence()).filteredOn(e -> e instanceof Evidence.LatencyProfile).singleElement()
                .satisfies(e -> assertThat(((Evidence.LatencyProfile) e).timeline()).isNotEmpty());
    }

    @Test
    void passesTheItemsBoundAndTheScenariosOnOneSharedRun() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        server.route("/", exchange -> {
            hits.incrementAndGet();
            LocalServer.respond(exchange, 200, "text/plain", "ok");
        });
        LoadRuns runs = runs("""
                load:
                  scenarios:
                    home: {rate: 20, duration: 2s, thresholds: ["rate<0.5"]}
                """);
        CompletableFuture<Outcome> latency = CompletableFuture.supplyAsync(() -> {
            try {
                return check(new LatencyCheck(), "Home page response time < 2s (p95)", Map.of(), runs);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Outcome errors = check(new ErrorRateCheck(), "Error rate < 10%", Map.of(), runs);

        assertThat(latency.get().status()).isEqualTo(Status.PASS);
        assertThat(latency.get().summary()).startsWith("p(95)<2s: measured ");
        assertThat(errors.status()).isEqualTo(Status.PASS);
        assertThat(errors.summary()).isEqualTo("rate<0.1: measured 0.0000 (0 of 40); rate<0.5: measured 0.0000 (0 of 40) on scenario 'home'");
        assertThat(hits).hasValue(40);
    }

    @Test
    void concurrentUploadsPassWithAScenarioThatUploadsAndStayUnverifiedWithout() throws Exception {
        AtomicInteger uploads = new AtomicInteger();
        server.route("/upload", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
            if (exchange.getRequestHeaders().getFirst("Content-Type").startsWith("multipart/form-data; boundary=")
                && body.contains("filename=\"report.pdf\"") && body.contains("%PDF-1.7")) {
                uploads.incrementAndGet();
            }
            LocalServer.respond(exchange, 201, "text/plain", "stored");
        });
        Files.writeString(dir.resolve("report.pdf"), "%PDF-1.7\n" + "x".repeat(20_000));
        LoadRuns runs = runs("""
                load:
                  scenarios:
                    uploads:
                      connections: 4
                      duration: 5s
                      maxRequests: 40
                      requests:
                        - path: /upload
                          file: report.pdf
                """);
        Outcome outcome = check(new ConcurrencyCheck(), "Test concurrent file uploads", Map.of(), runs);

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).startsWith("no errors in 40 requests of scenario 'uploads' over 4 connections at once");
        assertThat(uploads).hasValue(40);

        Outcome without = check(new ConcurrencyCheck(), "Test concurrent file uploads", Map.of(), new LoadRuns(Scenarios.NONE));
        assertThat(without.isUnverified()).isTrue();
        assertThat(without.summary()).contains("a load scenario that uploads a file");
    }

    @Test
    void anItemNamingAScenarioThatIsNotThereIsAnError() throws Exception {
        LoadRuns runs = runs("load:\n  scenarios:\n    api: {rate: 5}\n");
        Outcome outcome = check(new ErrorRateCheck(), "Error rate < 1%", Map.of("scenario", "checkout"), runs);
        assertThat(outcome.status()).isEqualTo(Status.ERROR);
        assertThat(outcome.summary()).isEqualTo("no load scenario 'checkout' in preflight.yaml (api)");
        assertThat(server.hits("/")).isZero();
    }
}
