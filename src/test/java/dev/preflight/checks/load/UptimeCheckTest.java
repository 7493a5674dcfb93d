package dev.preflight.checks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.preflight.binding.WordParams;
import dev.preflight.check.CheckContext;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Status;
import dev.preflight.collect.LocalServer;

class UptimeCheckTest {
    private static final Duration SHORT = Duration.ofSeconds(2);
    private LocalServer server;

    @BeforeEach
    void start() throws IOException {
        server = LocalServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Outcome check(String item) {
        return new UptimeCheck(SHORT).run(new CheckContext(new Params(WordParams.of(item)), item, null, server.probe(), true));
    }

    @Test
    void passesWhenEnoughRequestsSupportAModestClaim() {
        server.route("/", 200, "text/plain", "ok");

        Outcome outcome = check("Uptime > 90%");

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).startsWith("availability > 90% during the run, as rate<0.1: measured 0.0000 (0 of 40)");
    }

    @Test
    void failsWhenTooManyRequestsFail() {
        AtomicInteger seen = new AtomicInteger();
        server.route("/", exchange -> LocalServer.respond(exchange, seen.incrementAndGet() % 2 == 0 ? 502 : 200, "text/plain", "x"));

        Outcome outcome = check("Uptime > 90%");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void errorWhenTheClaimNeedsMoreRequestsThanTheRunSends() {
        server.route("/", 200, "text/plain", "ok");

        Outcome outcome = check("Uptime > 99.9%");

        assertThat(outcome.status()).isEqualTo(Status.ERROR);
        assertThat(outcome.summary()).contains("insufficient evidence: needs 3000 requests");
    }
}
