package dev.preflight.checks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;

import dev.preflight.binding.WordParams;
import dev.preflight.check.CheckContext;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Status;
import dev.preflight.collect.HttpProbe;
import dev.preflight.collect.LocalServer;
import dev.preflight.collect.RequestLog;

class LatencyCheckTest {
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
        return new LatencyCheck(SHORT).run(new CheckContext(params, item, null, probe, true));
    }

    private static void answerAfter(HttpExchange exchange, long millis, int status) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LocalServer.respond(exchange, status, "application/json", "{\"items\":[]}");
    }

    private static String notes(Outcome o) {
        return String.join("\n", o.evidence().stream().map(Evidence::describe).toList());
    }

    @Test
    void passesWhenTheP95StaysUnderTheBound() {
        server.route("/api/items", exchange -> answerAfter(exchange, 5, 200));

        Outcome outcome = check("API response time < 2s (p95)", Map.of("path", "/api/items"), server.probe());

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).startsWith("p(95)<2s: measured ").contains("requests to /api/items at open model, 20 requests a second");
        assertThat(notes(outcome)).contains("p(95)<2s: measured ").contains("latency p50 ").contains("errors: 0 (0.00%)");
        assertThat(server.hits("/api/items")).isBetween(38, 40);
    }

    @Test
    void failsWhenTheServerIsSlowerThanTheBound() {
        server.route("/", exchange -> answerAfter(exchange, 60, 200));

        Outcome outcome = check("Response times < 20ms", Map.of(), server.probe());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("p(95)<20ms: measured ");
        assertThat(notes(outcome)).contains("NOT met");
    }

    @Test
    void warnsWhenFastAnswersAreErrors() {
        server.route("/", exchange -> answerAfter(exchange, 0, 500));

        Outcome outcome = check("p99 latency under 1s", Map.of(), server.probe());

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(notes(outcome)).contains("5xx ");
    }

    @Test
    void errorWhenNothingAnswersOrNoBoundIsNamed() throws IOException {
        HttpProbe refused;
        try (LocalServer gone = LocalServer.start()) {
            refused = gone.probe();
        }
        Outcome unanswered = check("API response time < 200ms (p95)", Map.of(), refused);
        assertThat(unanswered.status()).isEqualTo(Status.ERROR);
        assertThat(unanswered.summary()).startsWith("no request of the run was answered");

        Outcome unbounded = check("Measure latency", Map.of(), server.probe());
        assertThat(unbounded.status()).isEqualTo(Status.ERROR);
        assertThat(unbounded.remediation()).contains("< 200ms (p95)");
        assertThat(server.hits("/")).isZero();
    }

    @Test
    void aPlanRecordsTheBoundsAndSendsNothing() {
        RequestLog plan = new RequestLog();
        List<String> announced = new ArrayList<>();
        HttpProbe probe = HttpProbe.forRun(List.of(server.base()), Duration.ofSeconds(1), null, Map.of(), Duration.ofSeconds(1),
                plan, announced::add);

        Outcome outcome = check("API response time < 200ms (p95)", Map.of("path", "/api"), probe);

        assertThat(outcome.summary()).isEqualTo("not sent (--plan)");
        assertThat(plan.lines()).containsExactly("load: GET " + server.base() + "/api, open model, 20 requests a second, "
                                                 + "at most 40 requests in 2 s (each answer within 1 s)");
        assertThat(announced).isEmpty();
        assertThat(server.hits("/api")).isZero();
    }

    @Test
    void anotherHostIsNotSentLoad() {
        Outcome outcome = check("API response time < 200ms (p95)", Map.of("path", "http://example.org/api"), server.probe());

        assertThat(outcome.status()).isEqualTo(Status.ERROR);
        assertThat(outcome.summary()).contains("not among the hosts given");
    }
}
