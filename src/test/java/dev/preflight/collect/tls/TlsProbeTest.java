package dev.preflight.collect.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.collect.TrustMaterial;

/** The TLS facts against a real JDK TLS server on 127.0.0.1, and against servers that misbehave. */
class TlsProbeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    static Path dir;
    static TestKeystore key;

    @BeforeAll
    static void makeKey() {
        key = TestKeystore.make(dir, "localhost", Map.of());
    }

    private static TlsProbe probe(URI url, TrustMaterial trust) {
        return new TlsProbe(url, TIMEOUT, trust, null);
    }

    @Test
    void theHandshakeCapturesTheChainAndJudgesItAfterwards() throws Exception {
        try (TlsServer server = TlsServer.tls(key, List.of("h2", "http/1.1"))) {
            TlsFacts untrusted = probe(server.url(), null).handshake();
            TlsFacts trusted = probe(server.url(), TrustMaterial.withExtraCa(key.certificatePem())).handshake();

            assertThat(untrusted.handshook()).isTrue();
            assertThat(untrusted.trustProblem()).isNotNull();
            assertThat(untrusted.leaf().getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
            assertThat(untrusted.leafNames()).containsExactlyInAnyOrder("IP:127.0.0.1", "DNS:localhost");
            assertThat(trusted.trustProblem()).isNull();
            assertThat(trusted.hostMatches()).isTrue();
            assertThat(trusted.protocol()).isEqualTo("TLSv1.3");
            assertThat(trusted.alpn()).isEqualTo("h2");
        }
    }

    @Test
    void legacyVersionsAndWeakSuitesAreRefusedByTheJdkServer() {
        try (TlsServer server = TlsServer.tls(key, List.of("http/1.1"))) {
            TlsProbe probe = probe(server.url(), null);

            assertThat(probe.offers("TLSv1.3")).isInstanceOf(HelloAnswer.Accepted.class);
            assertThat(probe.offers("TLSv1.2")).isInstanceOfSatisfying(HelloAnswer.Accepted.class,
                    a -> assertThat(a.version()).isEqualTo("TLSv1.2"));
            for (String legacy : TlsProbe.LEGACY) {
                assertThat(probe.offers(legacy)).as(legacy).isInstanceOf(HelloAnswer.Refused.class);
            }
            assertThat(probe.weakSuites()).isInstanceOf(HelloAnswer.Refused.class);
        }
    }

    @Test
    void aServerAnsweringGarbageCompletesNoHandshake() {
        try (TlsServer server = TlsServer.misbehaving(TlsServer.garbage())) {
            TlsProbe probe = probe(server.url(), null);

            assertThat(probe.handshake().failure()).startsWith("handshake failed");
            assertThat(probe.offers("TLSv1")).isEqualTo(new HelloAnswer.Refused("the answer is not TLS"));
            assertThat(probe.offers("TLSv1.2")).isInstanceOf(HelloAnswer.Refused.class);
        }
    }

    @Test
    void aServerThatStallsIsNoAnswerWithinTheTimeout() {
        try (TlsServer server = TlsServer.misbehaving(TlsServer.stall())) {
            TlsProbe probe = probe(server.url(), null);

            assertThat(probe.handshake().failure()).isEqualTo("no answer within 2 s");
            assertThat(probe.offers("TLSv1.3")).isEqualTo(new HelloAnswer.NoAnswer("no answer within 2 s"));
            assertThat(probe.offers("TLSv1")).isEqualTo(new HelloAnswer.NoAnswer("no answer within 2 s"));
            assertThat(probe.weakSuites()).isEqualTo(new HelloAnswer.NoAnswer("no answer within 2 s"));
        }
    }

    @Test
    void aServerThatResetsRefusesEveryHello() {
        try (TlsServer server = TlsServer.misbehaving(TlsServer.reset())) {
            TlsProbe probe = probe(server.url(), null);

            assertThat(probe.handshake().handshook()).isFalse();
            assertThat(probe.offers("TLSv1.2")).isInstanceOf(HelloAnswer.Refused.class);
            assertThat(probe.offers("TLSv1")).isInstanceOf(HelloAnswer.Refused.class);
        }
    }

    @Test
    void aClosedPortIsNoAnswer() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        TlsProbe probe = probe(URI.create("https://127.0.0.1:" + port), null);

        assertThat(probe.handshake().failure()).isEqualTo("connection refused or unreachable");
        assertThat(probe.offers("TLSv1.3")).isEqualTo(new HelloAnswer.NoAnswer("connection refused or unreachable"));
        assertThat(probe.offers("TLSv1.1")).isEqualTo(new HelloAnswer.NoAnswer("connection refused or unreachable"));
    }

    @Test
    void aPlanRecordsTheHandshakesAndSendsNothing() {
        try (TlsServer server = TlsServer.misbehaving(TlsServer.garbage())) {
            dev.preflight.collect.RequestLog plan = new dev.preflight.collect.RequestLog();
            TlsProbe probe = new TlsProbe(server.url(), TIMEOUT, null, plan);

            assertThat(probe.handshake().failure()).isEqualTo("not sent (--plan)");
            assertThat(probe.offers("TLSv1")).isEqualTo(new HelloAnswer.NoAnswer("not sent (--plan)"));
            assertThat(plan.lines()).hasSize(2);
        }
    }
}
