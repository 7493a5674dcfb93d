package dev.preflight.checks.http;

import static dev.preflight.checks.http.Live.answer;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.HttpProbe;
import dev.preflight.collect.LocalServer;

class HttpsRedirectCheckTest {
    private LocalServer plain;

    @BeforeEach
    void start() throws Exception {
        plain = LocalServer.start();
    }

    @AfterEach
    void stop() {
        plain.close();
    }

    private Outcome check() throws Exception {
        return Live.run(new HttpsRedirectCheck(), plain.probe());
    }

    @Test
    void passesOnAPermanentRedirectToHttpsOnTheSameHost() throws Exception {
        plain.route("/", answer(301, "text/html", "", "Location", "https://127.0.0.1/"));

        Outcome outcome = check();

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo(plain.base() + " redirects permanently (301) to https://127.0.0.1/");
        assertThat(outcome.evidence()).extracting(Evidence::describe).contains("Location: https://127.0.0.1/");
    }

    @Test
    void passesOnA308() throws Exception {
        plain.route("/", answer(308, null, "", "Location", "https://127.0.0.1:8443/"));

        assertThat(check().status()).isEqualTo(Status.PASS);
    }

    @Test
    void failsWhenPlainHttpServesThePage() throws Exception {
        plain.route("/", answer(200, "text/html", "<h1>welcome</h1>"));

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo(plain.base() + " answered 200 without redirecting to https");
    }

    @Test
    void failsOnARedirectToAnotherHost() throws Exception {
        plain.route("/", answer(301, null, "", "Location", "https://www.example.org/"));

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).contains("redirects to another host (www.example.org)");
    }

    @Test
    void failsOnARedirectThatStaysOnPlainHttp() throws Exception {
        plain.route("/", answer(301, null, "", "Location", "/home"));

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).endsWith("/home, not to https");
    }

    @Test
    void warnsOnATemporaryRedirect() throws Exception {
        plain.route("/", answer(302, null, "", "Location", "https://127.0.0.1/"));

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(outcome.summary()).contains("temporary 302");
    }

    @Test
    void skipsUnverifiedWhenNoPlainAddressCanBeDerived() throws Exception {
        HttpProbe probe = HttpProbe.forRun(List.of(URI.create("https://127.0.0.1:8443/")), Duration.ofSeconds(1), null, Map.of(),
                Duration.ofSeconds(1), null, what -> { });

        Outcome outcome = Live.run(new HttpsRedirectCheck(), probe);

        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.isUnverified()).isTrue();
        assertThat(outcome.summary()).contains("--url http://127.0.0.1:PORT/");
    }
}
