package dev.preflight.checks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.preflight.check.CheckContext;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Status;
import dev.preflight.collect.LocalServer;

class ConcurrencyCheckTest {
    private LocalServer server;

    @BeforeEach
    void start() throws IOException {
        server = LocalServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Outcome check(String item, Map<String, String> params) {
        return new ConcurrencyCheck().run(new CheckContext(new Params(params), item, null, server.probe(), true));
    }

    private static String notes(Outcome o) {
        return String.join("\n", o.evidence().stream().map(Evidence::describe).toList());
    }

    @Test
    void passesWhenEveryConcurrentRequestIsServed() {
        server.route("/api", 200, "application/json", "{}");

        Outcome outcome = check("Test concurrent API requests", Map.of("path", "/api", "duration", "1s"));

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).startsWith("no errors in ").contains(" requests to /api over 10 connections at once");
        assertThat(notes(outcome)).contains("closed model, 10 connections, at most 2000 requests");
        assertThat(server.hits("/api")).isPositive().isLessThanOrEqualTo(2_000);
    }

    @Test
    void failsWhenTheServerBreaksUnderConcurrency() {
        AtomicInteger inFlight = new AtomicInteger();
        server.route("/", exchange -> {
            try {
                boolean over = inFlight.incrementAndGet() > 2;
                Thread.sleep(5);
                LocalServer.respond(exchange, over ? 503 : 200, "text/plain", over ? "busy" : "ok");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
        });

        Outcome outcome = check("Concurrent request handling verified", Map.of("duration", "1s"));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).contains(" 5xx in ");
    }

    @Test
    void concurrentUploadsStayUnverified() {
        Outcome outcome = check("Test concurrent file uploads", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.summary()).contains("uploads");
        assertThat(server.hits("/")).isZero();
    }

    @Test
    void aLongerRunThanAllowedIsShortenedAndSaysSo() {
        server.route("/", 404, "text/plain", "no");

        Outcome outcome = new ConcurrencyCheck().run(new CheckContext(new Params(Map.of("duration", "24h")), "Load test for 24 hours",
                null, server.probe(), true));

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(notes(outcome)).contains("the item asks for 86400 s; an active check runs at most 20 s");
    }
}
