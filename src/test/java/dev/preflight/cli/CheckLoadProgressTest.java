package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.collect.LocalServer;

/** {@code check --active} shows each load run's progress on standard error, as {@code load} does, and nothing of it on standard output. */
class CheckLoadProgressTest {
    @TempDir
    Path dir;
    private LocalServer server;
    private final AtomicInteger hits = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = LocalServer.start().fallback(exchange -> {
            hits.incrementAndGet();
            LocalServer.respond(exchange, 200, "text/plain", "ok");
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private LintCommandTest.Result check(String... more) throws Exception {
        Path checklist = Files.writeString(dir.resolve("checklist.md"), """
                # Launch
                - [ ] API latency under load <!-- preflight: load.latency scenario=api -->
                - [ ] API error rate under load <!-- preflight: load.error-rate scenario=api -->
                - [ ] Health endpoint answers <!-- preflight: http.health path=/health -->
                """);
        Path config = Files.writeString(dir.resolve("preflight.yaml"), """
                load:
                  scenarios:
                    api: {rate: 10, duration: 2s, thresholds: ["p(95)<2s", "rate<0.01"], requests: [{path: /api/items}]}
                """);
        String[] args = {"check", checklist.toString(), "--config", config.toString(), "--url", server.base().toString(), "--active"};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return LintCommandTest.run(all);
    }

    @Test
    void eachLoadRunShowsItsProgressOnStandardErrorAndTheReportIsUntouched() throws Exception {
        LintCommandTest.Result r = check();

        // One line for the run the two load checks share, none for the health check; a busy machine may make the run inconclusive.
        assertThat(r.err().lines().filter(l -> l.contains("[api]")))
                .singleElement().asString().matches("preflight: \\[api\\] ended at [12]/2 s, 20 sent, p95 [0-9.]+ ms, 0 errors \\(0\\.00%\\)");
        assertThat(r.err()).doesNotContain("\r", "\u001b");
        assertThat(r.out()).startsWith("Preflight · ").contains("Verdict: ").doesNotContain("[api]", "ended at", "\r", "\u001b");
        assertThat(hits.get()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void thePlanShowsNoProgress() throws Exception {
        LintCommandTest.Result r = check("--plan");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("load: GET " + server.base() + "/api/items");
        assertThat(r.err() + r.out()).doesNotContain("[api]");
        assertThat(hits).hasValue(0);
    }
}
