package dev.preflight.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.preflight.collect.MisbehavingServer.Behaviour;
import dev.preflight.collect.tls.HelloAnswer;
import dev.preflight.collect.tls.TlsProbe;

/**
 * The probe's safety promises, against real misbehaving servers on loopback ({@link MisbehavingServer}): every exchange ends
 * within its timeout with a clear reason, bodies stay capped, redirects are not followed, only the
 * given hosts are asked, and a plan sends nothing. Timeouts are short so the tests are quick; no test
 * asserts how long anything took beyond "it ended".
 */
class HttpProbeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static HttpProbe probe(URI url) {
        return HttpProbe.forRun(List.of(url), TIMEOUT, null, Map.of(), TIMEOUT, null, what -> { });
    }

    @Test
    void aServerThatStallsItsHeadersEndsAsNoAnswer() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start(Behaviour.STALL_HEADERS, false)) {
            HttpObservation o = probe(server.url()).get("/");
            assertThat(o.answered()).isFalse();
            assertThat(o.failure()).isEqualTo("no answer within 2 s");
        }
    }

    @Test
    void aBodyThatDripsIsCutOffAtTheDeadline() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start(Behaviour.DRIP_BODY, false)) {
            HttpObservation o = probe(server.url()).get("/");
            assertThat(o.answered()).isFalse();
            assertThat(o.failure()).startsWith("HTTP 200, but the body did not arrive within 2 s");
        }
    }

    @Test
    void anEndlessBodyIsReadUpToTheCapAndMarkedTruncated() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start(Behaviour.ENDLESS_BODY, false)) {
            Runtime.getRuntime().gc();
            HttpObservation o = probe(server.url()).get("/");
            assertThat(o.status()).isEqualTo(200);
            assertThat(o.truncated()).isTrue();
            assertThat(o.body()).hasSize(HttpProbe.MAX_BODY_BYTES);
            assertThat(o.evidence().response()).endsWith(HttpProbe.MAX_BODY_BYTES + "+ bytes");
        }
    }

    @Test
    void redirectsAreReportedNotFollowed() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start(Behaviour.REDIRECT_FOREVER, false)) {
            HttpObservation o = probe(server.url()).get("/start");
            assertThat(o.status()).isEqualTo(302);
            assertThat(o.isRedirect()).isTrue();
            assertThat(o.header("location")).hasValueSatisfying(l -> assertThat(l).startsWith("/loop/"));
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void aResetIsARequestFailureNotAnException() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start(Behaviour.RESET, false)) {
            HttpObservation o = probe(server.url()).get("/");
            assertThat(o.answered()).isFalse();
            assertThat(o.failure()).startsWith("request failed:");
        }
    }

    @Test
    void garbageInsteadOfTlsEndsEveryTlsQuestionWithAReason() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start(Behaviour.TLS_GARBAGE, false)) {
            HttpProbe probe = probe(server.url());
            HttpObservation o = probe.get("/");
            assertThat(o.answered()).isFalse();
            assertThat(o.failure()).startsWith("TLS failed:");

            TlsProbe tls = probe.tls();
            assertThat(tls.handshake().handshook()).isFalse();
            assertThat(tls.handshake().failure()).startsWith("handshake failed:");
            assertThat(tls.offers("TLSv1")).isEqualTo(new HelloAnswer.Refused("the answer is not TLS"));
            assertThat(tls.weakSuites()).isInstanceOf(HelloAnswer.Refused.class);
        }
    }

    @Test
    void aStalledTlsServerEndsAsNoAnswer() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start(Behaviour.STALL_HEADERS, false)) {
            TlsProbe tls = probe(URI.create("https://127.0.0.1:" + server.url().getPort())).tls();
            assertThat(tls.offers("TLSv1.1")).isEqualTo(new HelloAnswer.NoAnswer("no answer within 2 s"));
            assertThat(tls.handshake().failure()).isEqualTo("no answer within 2 s");
        }
    }

    @Test
    void onlyTheGivenHostsAreAsked() throws Exception {
        try (LocalServer server = LocalServer.start().route("/", 200, "text/plain", "ok")) {
            HttpProbe probe = probe(server.base());
            HttpObservation elsewhere = probe.send(ProbeRequest.get("http://localhost:" + server.base().getPort() + "/"));
            assertThat(elsewhere.failure()).isEqualTo("not sent: localhost is not among the hosts given with --url");
            assertThat(probe.send(ProbeRequest.get("ftp://127.0.0.1/")).answered()).isFalse();
            assertThat(server.hits("/")).isZero();
        }
    }

    @Test
    void everyRequestNamesPreflightAndCarriesTheGivenHeadersUnlessTheCheckReplacesThem() throws Exception {
        Map<String, String> seen = new java.util.concurrent.ConcurrentHashMap<>();
        try (LocalServer server = LocalServer.start().route("/echo", exchange -> {
            seen.put("ua", exchange.getRequestHeaders().getFirst("User-Agent"));
            seen.put("key", exchange.getRequestHeaders().getFirst("X-Api-Key"));
            LocalServer.respond(exchange, 200, "text/plain", "ok");
        })) {
            HttpProbe probe = HttpProbe.forRun(List.of(server.base()), TIMEOUT, null, Map.of("X-Api-Key", "valid-key"), TIMEOUT, null, what -> { });
            probe.get("/echo");
            assertThat(seen).containsEntry("ua", HttpProbe.USER_AGENT).containsEntry("key", "valid-key");
            probe.send(ProbeRequest.get("/echo").header("x-api-key", "invalid"));
            assertThat(seen).containsEntry("key", "invalid");
        }
    }

    @Test
    void aBurstStopsAtItsConditionAndNeverExceedsItsBound() throws Exception {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        try (LocalServer server = LocalServer.start().route("/api", exchange ->
                LocalServer.respond(exchange, n.incrementAndGet() > 5 ? 429 : 200, "text/plain", "ok"))) {
            List<String> announced = new java.util.ArrayList<>();
            HttpProbe announcing = HttpProbe.forRun(List.of(server.base()), TIMEOUT, null, Map.of(), TIMEOUT, null, announced::add);
            Burst limited = announcing.burst(ProbeRequest.get("/api"), 50, Duration.ofSeconds(20), 1, o -> o.status() == 429);
            assertThat(limited.stoppedBy()).isEqualTo("stop condition met");
            assertThat(announced).containsExactly("burst: up to 50 x GET " + server.base() + "/api, 1 at a time, for at most 20 s, "
                    + "stopping at the first answer that settles the check");
            assertThat(limited.firstWith(429)).isEqualTo(6);
            assertThat(server.hits("/api")).isEqualTo(6);

            Burst unlimited = probe(server.base()).burst(ProbeRequest.get("/api"), 10, Duration.ofSeconds(20), 4, o -> false);
            assertThat(unlimited.stoppedBy()).isEqualTo("request bound reached");
            assertThat(unlimited.answers()).hasSize(10);
            assertThat(server.hits("/api")).isEqualTo(16);
        }
    }

    @Test
    void aBurstAgainstAStalledServerEndsAtItsTimeBound() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start(Behaviour.STALL_HEADERS, false)) {
            Burst burst = probe(server.url()).burst(ProbeRequest.get("/"), 1_000, Duration.ofSeconds(1), 2, o -> false);
            assertThat(burst.stoppedBy()).isEqualTo("time bound reached");
            assertThat(server.connections()).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void aPlanRecordsEveryRequestAndSendsNone() throws Exception {
        try (LocalServer server = LocalServer.start().route("/health", 200, "text/plain", "ok")) {
            RequestLog log = new RequestLog();
            HttpProbe probe = HttpProbe.forRun(List.of(URI.create("https://127.0.0.1:" + server.base().getPort())), TIMEOUT, null,
                    Map.of(), TIMEOUT, log, what -> { });
            assertThat(probe.get("/health").failure()).isEqualTo("not sent (--plan)");
            probe.burst(ProbeRequest.get("/api"), 5_000, Duration.ofSeconds(10), 4, o -> false);
            probe.tls().handshake();
            probe.tls().offers("TLSv1");
            assertThat(log.lines()).containsExactly(
                    "GET https://127.0.0.1:" + server.base().getPort() + "/health",
                    "burst: up to 1000 x GET https://127.0.0.1:" + server.base().getPort()
                            + "/api, 4 at a time, for at most 10 s, stopping at the first answer that settles the check",
                    "TLS handshake with 127.0.0.1:" + server.base().getPort() + " offering TLSv1.3, TLSv1.2 (certificate chain, ALPN, OCSP stapling)",
                    "TLS ClientHello to 127.0.0.1:" + server.base().getPort() + " offering TLSv1 only");
            assertThat(server.hits("/health")).isZero();
        }
    }

    @Test
    void thePlainAddressIsTheGivenHttpUrlOrPort80BehindDefaultHttps() {
        assertThat(HttpProbe.forRun(List.of(URI.create("https://127.0.0.1:8443"), URI.create("http://127.0.0.1:8080")),
                TIMEOUT, null, Map.of(), TIMEOUT, new RequestLog(), what -> { }).plainHttp()).contains(URI.create("http://127.0.0.1:8080"));
        assertThat(HttpProbe.forRun(List.of(URI.create("https://example.test")), TIMEOUT, null, Map.of(), TIMEOUT, new RequestLog(), what -> { })
                .plainHttp()).contains(URI.create("http://example.test/"));
        assertThat(HttpProbe.forRun(List.of(URI.create("https://example.test:8443")), TIMEOUT, null, Map.of(), TIMEOUT, new RequestLog(), what -> { })
                .plainHttp()).isEmpty();
    }
}
