package dev.preflight.checks.http;

import static dev.preflight.checks.http.Live.answer;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.LocalServer;

class HstsCheckTest {
    @TempDir
    static Path dir;
    private static TlsLocalServer tls;

    @BeforeAll
    static void start() throws Exception {
        tls = TlsLocalServer.start(dir);
    }

    @AfterAll
    static void stop() {
        tls.close();
    }

    private static Outcome check(String... hsts) throws Exception {
        tls.route("/", answer(200, "text/html", "<p>hi</p>", hsts));
        return Live.run(new HstsCheck(), tls.probe(List.of(tls.base())));
    }

    @Test
    void passesOnTwoYearsWithIncludeSubDomainsAndPreload() throws Exception {
        Outcome outcome = check("Strict-Transport-Security", "max-age=63072000; includeSubDomains; preload");

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("max-age=63072000 (730 days), includeSubDomains yes, preload yes");
        assertThat(outcome.evidence()).extracting(Evidence::describe).contains("max-age = 730 days");
    }

    @Test
    void passesOnExactlyAYearWithAQuotedMaxAge() throws Exception {
        assertThat(check("Strict-Transport-Security", "max-age=\"31536000\"").status()).isEqualTo(Status.PASS);
    }

    @Test
    void failsOnSixMonthsWhichTheObservatoryWouldPass() throws Exception {
        Outcome outcome = check("Strict-Transport-Security", "max-age=15768000; includeSubDomains");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("max-age=15768000 (182 days) is under a year (includeSubDomains yes, preload no)");
    }

    @Test
    void failsWhenTheHeaderIsMissing() throws Exception {
        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("no Strict-Transport-Security header on https://127.0.0.1:");
    }

    @Test
    void failsWithoutMaxAge() throws Exception {
        assertThat(check("Strict-Transport-Security", "includeSubDomains").summary())
                .isEqualTo("Strict-Transport-Security is invalid (no max-age): browsers ignore it");
    }

    @Test
    void failsOnMaxAgeZero() throws Exception {
        assertThat(check("Strict-Transport-Security", "max-age=0").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void warnsOnPreloadWithoutIncludeSubDomains() throws Exception {
        assertThat(check("Strict-Transport-Security", "max-age=31536000; preload").status()).isEqualTo(Status.WARN);
    }

    @Test
    void skipsUnverifiedOnAPlainHttpDeployment() throws Exception {
        try (LocalServer plain = LocalServer.start()) {
            Outcome outcome = Live.run(new HstsCheck(), plain.probe());

            assertThat(outcome.isUnverified()).isTrue();
            assertThat(outcome.summary()).contains("--url https://127.0.0.1/");
            assertThat(plain.hits("/")).isZero();
        }
    }
}
