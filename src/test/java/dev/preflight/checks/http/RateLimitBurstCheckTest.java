package dev.preflight.checks.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpHandler;

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
import dev.preflight.collect.RequestLog;

class RateLimitBurstCheckTest {
    private LocalServer server;

    @BeforeEach
    void start() throws Exception {
        server = LocalServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Outcome check(Map<String, String> params) {
        return check(params, server.probe());
    }

    private static Outcome check(Map<String, String> params, HttpProbe probe) {
        return new RateLimitBurstCheck().run(new CheckContext(new Params(params), "Rate limiting enabled on all API endpoints", null, probe, true));
    }

    /** Answers 200 to the first {@code limit} requests, then {@code status} with {@code headers}, as a fixed-window limiter does. */
    private static HttpHandler limiter(int limit, int status, Map<String, String> headers) {
        AtomicInteger seen = new AtomicInteger();
        return exchange -> {
            int n = seen.incrementAndGet();
            exchange.getResponseHeaders().set("RateLimit-Limit", String.valueOf(limit));
            exchange.getResponseHeaders().set("RateLimit-Remaining", String.valueOf(Math.max(0, limit - n)));
            if (n > limit) {
                headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                LocalServer.respond(exchange, status, "text/plain", "slow down");
            } else {
                LocalServer.respond(exchange, 200, "application/json", "{\"items\":[]}");
            }
        };
    }

    private static String notes(Outcome o) {
        return String.join("\n", o.evidence().stream().map(Evidence::describe).toList());
    }

    @Test
    void passesWhenTheBurstIsAnswered429AndStopsThere() {
        server.route("/api/items", limiter(20, 429, Map.of("Retry-After", "60")));

        Outcome outcome = check(Map.of("path", "/api/items"));

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).startsWith("limited at request ").contains(" of the burst (429; ");
        assertThat(notes(outcome))
                .contains("limit headers on the 429: RateLimit-Limit: 20; RateLimit-Remaining: 0; Retry-After: 60")
                .contains("limit headers before the limit: RateLimit-Limit: 20; RateLimit-Remaining: ")
                .contains("statuses: 200 ×")
                .contains("(stop condition met)");
        // One GET before the burst, 20 allowed, the first 429 and at most 7 more already in flight.
        assertThat(server.hits("/api/items")).isBetween(22, 22 + RateLimitBurstCheck.CONCURRENCY - 1);
    }

    @Test
    void passesOnA503ThatSaysWhenToRetry() {
        server.route("/", limiter(5, 503, Map.of("Retry-After", "1")));

        Outcome outcome = check(Map.of());

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).contains("(503; ");
    }

    @Test
    void passesWhenTheLimitWasReachedBeforeTheBurst() {
        server.route("/api", limiter(0, 429, Map.of("Retry-After", "30")));

        Outcome outcome = check(Map.of("path", "/api"));

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("/api answered 429 before the burst: the limit was already reached");
        assertThat(server.hits("/api")).isEqualTo(1);
    }

    @Test
    void failsWhenTheWholeBurstIsServed() {
        server.route("/api/items", 200, "application/json", "{\"items\":[]}");

        Outcome outcome = check(Map.of("path", "/api/items", "burst", "30"));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("no 429 in a burst of 30 requests in ").endsWith(" to /api/items (request bound reached)");
        assertThat(notes(outcome)).contains("statuses: 200 ×30 (request bound reached)").contains("requests sent = 30");
        assertThat(server.hits("/api/items")).isEqualTo(31);
    }

    @Test
    void warnsOnA503WithoutRetryAfterAsNginxSendsByDefault() {
        server.route("/api/items", limiter(10, 503, Map.of()));

        Outcome outcome = check(Map.of("path", "/api/items"));

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(outcome.summary()).startsWith("503 without Retry-After at request ");
        assertThat(outcome.remediation()).contains("limit_req_status 429");
    }

    @Test
    void aPathThatReachesNoHandlerIsAnErrorAndNoBurstIsSent() {
        Outcome outcome = check(Map.of("path", "/nope"));

        assertThat(outcome.status()).isEqualTo(Status.ERROR);
        assertThat(outcome.summary()).isEqualTo("/nope answered 404: a burst there would not reach a real handler, so it proves nothing");
        assertThat(outcome.remediation()).contains("path=");
        assertThat(server.hits("/nope")).isEqualTo(1);
    }

    @Test
    void anEndpointThatNeedsACredentialIsStillBurst() {
        server.route("/api/private", exchange -> LocalServer.respond(exchange, 401, "application/json", "{\"error\":\"unauthorized\"}"));

        Outcome outcome = check(Map.of("path", "/api/private", "burst", "5"));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(server.hits("/api/private")).isEqualTo(6);
    }

    @Test
    void aServerThatIsNotThereIsAnError() throws Exception {
        URI closed;
        try (LocalServer gone = LocalServer.start()) {
            closed = gone.base();
        }
        HttpProbe probe = new HttpProbe(closed, HttpProbe.client(Duration.ofSeconds(2), null), Map.of(), Duration.ofSeconds(2));

        Outcome outcome = check(Map.of(), probe);

        assertThat(outcome.status()).isEqualTo(Status.ERROR);
        assertThat(outcome.summary()).isEqualTo("/ could not be judged before the burst: connection refused or unreachable");
    }

    @Test
    void thePlanShowsTheFirstRequestAndTheBurstWithItsBounds() {
        RequestLog plan = new RequestLog();
        HttpProbe probe = HttpProbe.forRun(List.of(server.base()), Duration.ofSeconds(1), null, Map.of(), Duration.ofSeconds(1), plan, what -> { });

        check(Map.of("path", "/api/items", "burst", "40"), probe);

        assertThat(plan.lines()).containsExactly("GET " + server.base() + "/api/items",
                "burst: up to 40 x GET " + server.base() + "/api/items, 8 at a time, for at most 10 s, stopping at the first answer that settles the check");
        assertThat(server.hits("/api/items")).isZero();
    }
}
