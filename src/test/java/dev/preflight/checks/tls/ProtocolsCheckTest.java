package dev.preflight.checks.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.tls.TestKeystore;
import dev.preflight.collect.tls.TlsServer;

/** Protocol versions and suites against a JDK TLS server (TLS 1.3 and 1.2 only) and servers that misbehave. */
class ProtocolsCheckTest {
    private static final String ITEM = "TLS 1.2+ only, weak ciphers disabled";

    @TempDir
    static Path dir;
    static TestKeystore key;

    @BeforeAll
    static void makeKey() {
        key = TestKeystore.make(dir, "localhost", Map.of());
    }

    private static Outcome check(URI url, Map<String, String> params) throws Exception {
        return TlsChecks.run(new ProtocolsCheck(), url, null, ITEM, params);
    }

    @Test
    void passesWhenOnlyTls13And12AreAccepted() throws Exception {
        try (TlsServer server = TlsServer.tls(key, List.of("http/1.1"))) {
            Outcome outcome = check(server.url(), Map.of("minVersion", "1.2"));

            assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
            assertThat(outcome.summary()).isEqualTo("TLSv1.3, TLSv1.2 offered; SSLv3, TLSv1, TLSv1.1 and weak cipher suites refused");
            assertThat(outcome.evidence()).extracting(Evidence::describe)
                    .anyMatch(e -> e.startsWith("TLSv1.3: accepted: TLSv1.3 with TLS_"))
                    .anyMatch(e -> e.startsWith("TLSv1: refused (alert "))
                    .anyMatch(e -> e.startsWith("weak cipher suites only, at TLSv1.2: refused ("));
        }
    }

    @Test
    void failsWhenTheItemAsksForTls13AndTls12IsAccepted() throws Exception {
        try (TlsServer server = TlsServer.tls(key, List.of("http/1.1"))) {
            Outcome outcome = check(server.url(), Map.of("minVersion", "1.3"));

            assertThat(outcome.status()).isEqualTo(Status.FAIL);
            assertThat(outcome.summary()).isEqualTo("accepts TLSv1.2 (the floor is TLSv1.3)");
            assertThat(outcome.remediation()).contains("ssl_protocols TLSv1.3;");
        }
    }

    @Test
    void anItemCannotLowerTheFloorUnderTls12() throws Exception {
        try (TlsServer server = TlsServer.tls(key, List.of("http/1.1"))) {
            Outcome outcome = check(server.url(), Map.of("minVersion", "1.0"));

            assertThat(outcome.status()).isEqualTo(Status.PASS);
            assertThat(outcome.summary()).endsWith("SSLv3, TLSv1, TLSv1.1 and weak cipher suites refused");
        }
    }

    @Test
    void errorsWhenTheServerStalls() throws Exception {
        try (TlsServer server = TlsServer.misbehaving(TlsServer.stall())) {
            Outcome outcome = check(server.url(), Map.of());

            assertThat(outcome.status()).isEqualTo(Status.ERROR);
            assertThat(outcome.summary()).isEqualTo("no TLS handshake with 127.0.0.1:" + server.port() + " completed: no answer within 2 s");
        }
    }

    @Test
    void errorsWhenTheServerAnswersGarbage() throws Exception {
        try (TlsServer server = TlsServer.misbehaving(TlsServer.garbage())) {
            Outcome outcome = check(server.url(), Map.of());

            assertThat(outcome.status()).isEqualTo(Status.ERROR);
            assertThat(outcome.summary()).startsWith("no TLS handshake with 127.0.0.1:" + server.port() + " completed: handshake failed");
            assertThat(outcome.evidence()).extracting(Evidence::describe).contains("TLSv1: refused (the answer is not TLS)");
        }
    }

    @Test
    void errorsWhenTheServerResetsEveryConnection() throws Exception {
        try (TlsServer server = TlsServer.misbehaving(TlsServer.reset())) {
            assertThat(check(server.url(), Map.of()).status()).isEqualTo(Status.ERROR);
        }
    }

    @Test
    void errorsWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        Outcome outcome = check(URI.create("https://127.0.0.1:" + port), Map.of());

        assertThat(outcome.status()).isEqualTo(Status.ERROR);
        assertThat(outcome.summary()).endsWith("completed: connection refused or unreachable");
    }

    @Test
    void aPlainHttpUrlIsNotApplicable() throws Exception {
        Outcome outcome = check(URI.create("http://127.0.0.1:9"), Map.of());

        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.isUnverified()).isFalse();
    }
}
