package dev.preflight.checks.http;

import static dev.preflight.checks.http.Live.answer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.LocalServer;

class StaticCachingCheckTest {
    private static final String HOME = """
            <!doctype html>
            <link rel="preconnect" href="https://cdn.example.org">
            <script src="https://cdn.example.org/lib.js"></script>
            <link href='/static/app.css?v=3' rel='stylesheet'>
            <script defer src=/static/app.js></script>
            """;

    private LocalServer server;

    @BeforeEach
    void start() throws Exception {
        server = LocalServer.start();
        server.route("/", answer(200, "text/html; charset=utf-8", HOME));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void passesOnTheFirstAssetOfTheHomePageWithALifetimeAndAValidator() throws Exception {
        server.route("/static/app.css", answer(200, "text/css", "body{}", "Cache-Control", "public, max-age=2592000", "ETag", "\"abc\""));

        Outcome outcome = Live.run(new StaticCachingCheck(), server.probe());

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo(server.base() + "/static/app.css?v=3 is cacheable for 30 day(s), ETag");
        assertThat(server.hits("/static/app.js")).isZero();
    }

    @Test
    void passesOnExpiresAgainstTheServersDate() throws Exception {
        String inThreeHours = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusHours(3).plusMinutes(1));
        server.route("/static/app.css", answer(200, "text/css", "body{}", "Expires", inThreeHours, "Last-Modified", "Sat, 21 Nov 2026 10:00:00 GMT"));

        Outcome outcome = Live.run(new StaticCachingCheck(), server.probe());

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).endsWith("is cacheable for 3 hour(s), Last-Modified");
    }

    @Test
    void warnsOnValidatorsWithoutALifetime() throws Exception {
        server.route("/static/app.css", answer(200, "text/css", "body{}", "ETag", "\"abc\"", "Last-Modified", "Sat, 21 Nov 2026 10:00:00 GMT"));

        Outcome outcome = Live.run(new StaticCachingCheck(), server.probe());

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(outcome.summary()).contains("has ETag and Last-Modified but no lifetime");
    }

    @Test
    void failsOnTheNamedPathWithNoCachingHeaders() throws Exception {
        server.route("/assets/logo.svg", answer(200, "image/svg+xml", "<svg/>"));

        Outcome outcome = Live.run(new StaticCachingCheck(), server.probe(), Map.of("path", "/assets/logo.svg"), null);

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("/assets/logo.svg is sent with no caching headers: no Cache-Control lifetime, Expires, ETag or "
                                                + "Last-Modified");
        assertThat(server.hits("/")).isZero();
    }

    @Test
    void failsWhenTheAssetIsMissing() throws Exception {
        Outcome outcome = Live.run(new StaticCachingCheck(), server.probe());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).endsWith("answered 404, not the file");
    }

    @Test
    void skipsUnverifiedWhenTheHomePageLoadsNothingFromItsHost() throws Exception {
        server.route("/", answer(200, "text/html", "<script src=\"https://cdn.example.org/lib.js\"></script>"));

        Outcome outcome = Live.run(new StaticCachingCheck(), server.probe());

        assertThat(outcome.isUnverified()).isTrue();
        assertThat(outcome.summary()).contains("path=/static/app.css");
    }
}
