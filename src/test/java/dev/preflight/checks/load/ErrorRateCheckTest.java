package dev.preflight.checks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.preflight.binding.WordParams;
import dev.preflight.check.CheckContext;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Status;
import dev.preflight.collect.HttpProbe;
import dev.preflight.collect.LocalServer;
import dev.preflight.collect.RequestLog;
import dev.preflight.load.Threshold;

class ErrorRateCheckTest {
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

    private Outcome check(String item, Map<String, String> extra, HttpProbe probe) {
        Params params = new Params(WordParams.of(item)).with(extra);
        return new ErrorRateCheck(SHORT).run(new CheckContext(params, item, null, probe, true));
    }

    private static String notes(Outcome o) {
        return String.join("\n", o.evidence().stream().map(Evidence::describe).toList());
    }

    @Test
    void passesWhenNoRequestFailsAndTheRunIsLongEnough() {
        server.route("/api", 200, "application/json", "{}");

        Outcome outcome = check("Error rate < 10%", Map.of("path", "/api"), server.probe());

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("rate<0.1: measured 0.0000 (0 of 40) on /api");
    }

    @Test
    void failsWhenTheRateReachesTheBound() {
        AtomicInteger seen = new AtomicInteger();
        server.route("/", exchange -> LocalServer.respond(exchange, seen.incrementAndGet() % 4 == 0 ? 503 : 200, "text/plain", "x"));

        Outcome outcome = check("Error rate < 10%", Map.of(), server.probe());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("rate<0.1: measured 0.25");
        assertThat(notes(outcome)).contains("5xx 10");
    }

    @Test
    void errorWhenTooFewRequestsCanSupportTheClaim() {
        server.route("/", 200, "text/plain", "ok");

        Outcome outcome = check("Error rate < 0.1%", Map.of(), server.probe());

        assertThat(outcome.status()).isEqualTo(Status.ERROR);
        assertThat(outcome.summary()).startsWith("insufficient evidence: needs 3000 requests to support rate<0.001, the run sent 40");
        assertThat(new Threshold.ErrorRate(0.01, false).requestsNeeded()).isEqualTo(300);
        assertThat(new Threshold.ErrorRate(0.1, false).requestsNeeded()).isEqualTo(30);
    }

    @Test
    void aPlanRecordsTheBoundsAndSendsNothing() {
        RequestLog plan = new RequestLog();
        HttpProbe probe = HttpProbe.forRun(List.of(server.base()), Duration.ofSeconds(1), null, Map.of(), Duration.ofSeconds(1),
                plan, what -> { });

        Outcome outcome = check("Error rate < 1%", Map.of(), probe);

        assertThat(outcome.summary()).isEqualTo("not sent (--plan)");
        assertThat(plan.lines()).singleElement().asString().startsWith("load: GET " + server.base() + "/, open model");
        assertThat(server.hits("/")).isZero();
    }
}
