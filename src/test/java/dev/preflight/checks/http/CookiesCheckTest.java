package dev.preflight.checks.http;

import static dev.preflight.checks.http.Live.answer;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.LocalServer;

class CookiesCheckTest {
    private static final String SESSION_VALUE = "s3ss10nV4lu3ThatMustNotLeak";

    private LocalServer server;

    @BeforeEach
    void start() throws Exception {
        server = LocalServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Outcome check(String... setCookies) throws Exception {
        String[] headers = new String[setCookies.length * 2];
        for (int i = 0; i < setCookies.length; i++) {
            headers[2 * i] = "Set-Cookie";
            headers[2 * i + 1] = setCookies[i];
        }
        server.route("/", answer(200, "text/html", "<p>hi</p>", headers));
        return Live.run(new CookiesCheck(), server.probe());
    }

    @Test
    void passesOnLockedDownCookies() throws Exception {
        Outcome outcome = check("sessionid=" + SESSION_VALUE + "; Path=/; Secure; HttpOnly; SameSite=Lax",
                "csrftoken=abcdefgh12345678; Path=/; Secure; SameSite=Strict");

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("2 cookie(s) set with Secure, HttpOnly where they hold a session, and SameSite");
    }

    @Test
    void failsOnASessionCookieWithoutFlagsAndNeverShowsItsValue() throws Exception {
        Outcome outcome = check("sessionid=" + SESSION_VALUE + "; Path=/");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("Cookie sessionid=s3ss…: no Secure: sent over plain HTTP too, "
                                                + "no HttpOnly on a session cookie: scripts can read it");
        assertThat(outcome.toString()).doesNotContain(SESSION_VALUE);
        assertThat(outcome.evidence()).extracting(Evidence::describe).noneMatch(d -> d.contains(SESSION_VALUE));
    }

    @Test
    void failsOnSameSiteNoneWithoutSecure() throws Exception {
        Outcome outcome = check("prefs=dark; SameSite=None");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).contains("SameSite=None without Secure");
    }

    @Test
    void warnsWhenSameSiteIsLeftToTheBrowser() throws Exception {
        Outcome outcome = check("sessionid=" + SESSION_VALUE + "; Secure; HttpOnly");

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(outcome.summary()).endsWith("no SameSite: browsers differ in what they assume");
    }

    @Test
    void skipsUnverifiedWhenThePageSetsNoCookie() throws Exception {
        Outcome outcome = check();

        assertThat(outcome.isUnverified()).isTrue();
        assertThat(outcome.summary()).contains("set no cookie");
    }
}
