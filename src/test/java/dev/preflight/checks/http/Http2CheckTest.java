package dev.preflight.checks.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.CheckContext;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Status;
import dev.preflight.collect.HttpProbe;
import dev.preflight.collect.tls.TestKeystore;
import dev.preflight.collect.tls.TlsServer;

/** ALPN against a JDK TLS server on 127.0.0.1 configured with and without h2. */
class Http2CheckTest {
    @TempDir
    static Path dir;
    static TestKeystore key;

    @BeforeAll
    static void makeKey() {
        key = TestKeystore.make(dir, "localhost", Map.of());
    }

    private static Outcome check(URI url) {
        HttpProbe probe = HttpProbe.forRun(List.of(url), Duration.ofSeconds(2), null, Map.of(), Duration.ofSeconds(2), null, what -> { });
        return new Http2Check().run(new CheckContext(Params.NONE, "Enable HTTP/2", null, probe, false, null));
    }

    @Test
    void passesWhenTheServerChoosesH2() {
        try (TlsServer server = TlsServer.tls(key, List.of("h2", "http/1.1"))) {
            Outcome outcome = check(server.url());

            assertThat(outcome.status()).isEqualTo(Status.PASS);
            assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(
                    "ALPN offered h2, http/1.1 to 127.0.0.1:" + server.port() + " over TLSv1.3; the server chose h2");
        }
    }

    @Test
    void failsWhenTheServerChoosesHttp11() {
        try (TlsServer server = TlsServer.tls(key, List.of("http/1.1"))) {
            Outcome outcome = check(server.url());

            assertThat(outcome.status()).isEqualTo(Status.FAIL);
            assertThat(outcome.summary()).isEqualTo("the server chose http/1.1 by ALPN over h2: HTTP/2 is not offered");
        }
    }

    @Test
    void failsWhenTheServerIgnoresAlpn() {
        try (TlsServer server = TlsServer.tls(key, List.of())) {
            Outcome outcome = check(server.url());

            assertThat(outcome.status()).isEqualTo(Status.FAIL);
            assertThat(outcome.summary()).isEqualTo("the server ignored ALPN: HTTP/2 is not offered");
        }
    }

    @Test
    void errorsWhenTheServerResets() {
        try (TlsServer server = TlsServer.misbehaving(TlsServer.reset())) {
            Outcome outcome = check(server.url());

            assertThat(outcome.status()).isEqualTo(Status.ERROR);
            assertThat(outcome.summary()).startsWith("no TLS handshake with 127.0.0.1:" + server.port() + ": ");
        }
    }

    @Test
    void aPlainHttpUrlIsNotApplicable() {
        Outcome outcome = check(URI.create("http://127.0.0.1:9"));

        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.summary()).startsWith("the URL is not https");
    }
}
