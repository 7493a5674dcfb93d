package dev.preflight.checks.http;

import static dev.preflight.checks.http.Live.answer;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.LocalServer;

class SecurityHeadersCheckTest {
    private static final String PAGE = "<!doctype html><title>app</title>";
    private static final List<String> HARDENED = List.of(
            "Content-Security-Policy", "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "strict-origin-when-cross-origin",
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()",
            "Cross-Origin-Opener-Policy", "same-origin",
            "Server", "nginx");

    private LocalServer server;

    @BeforeEach
    void start() throws Exception {
        server = LocalServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Outcome check(String contentType, List<String> headers) throws Exception {
        server.route("/", answer(200, contentType, PAGE, headers.toArray(String[]::new)));
        return Live.run(new SecurityHeadersCheck(), server.probe());
    }

    /** The hardened headers with {@code name} replaced by {@code value}, or dropped when value is null. */
    private static List<String> hardenedWith(String name, String value) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < HARDENED.size(); i += 2) {
            if (!HARDENED.get(i).equals(name)) {
                out.addAll(HARDENED.subList(i, i + 2));
            }
        }
        if (value != null) {
            out.addAll(List.of(name, value));
        }
        return out;
    }

    private static String note(Outcome outcome, String subject) {
        return outcome.evidence().stream().map(Evidence::describe).filter(d -> d.startsWith(subject + ": ")).findFirst().orElseThrow();
    }

    @Test
    void passesOnAHardenedPage() throws Exception {
        Outcome outcome = check("text/html", HARDENED);

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).startsWith("all 9 header rules pass on GET " + server.base() + "/ (HTTP 200)");
        assertThat(note(outcome, "Frame protection")).isEqualTo("Frame protection: PASS, CSP frame-ancestors 'none'");
        assertThat(note(outcome, "Version leaks")).isEqualTo("Version leaks: PASS, Server: nginx, no version");
    }

    @Test
    void failsOnABarePageThatLeaksVersions() throws Exception {
        Outcome outcome = check("text/html; charset=utf-8", List.of("Server", "nginx/1.22.1", "X-Powered-By", "PHP/8.2.7"));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).contains("Content-Security-Policy: not set", "X-Content-Type-Options: not set",
                "Frame protection: neither X-Frame-Options nor CSP frame-ancestors is set",
                "Version leaks: server: nginx/1.22.1, x-powered-by: PHP/8.2.7");
        assertThat(note(outcome, "Referrer-Policy")).startsWith("Referrer-Policy: WARN, not set");
        assertThat(outcome.remediation()).contains("server_tokens off");
    }

    @Test
    void failsOnUnsafeInlineAndUnsafeEvalInScripts() throws Exception {
        Outcome outcome = check("text/html", hardenedWith("Content-Security-Policy",
                "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; object-src 'none'; frame-ancestors 'self'"));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(note(outcome, "Content-Security-Policy"))
                .isEqualTo("Content-Security-Policy: FAIL, script-src allows 'unsafe-inline', 'unsafe-eval' allowed");
    }

    @Test
    void failsOnAPolicyThatLeavesPluginsOpen() throws Exception {
        Outcome outcome = check("text/html", hardenedWith("Content-Security-Policy", "script-src 'self'; frame-ancestors 'none'"));

        assertThat(note(outcome, "Content-Security-Policy")).endsWith("object-src not restricted (plugins from anywhere)");
    }

    @Test
    void passesOnNoncesWithStrictDynamicWhateverTheFallbacks() throws Exception {
        Outcome outcome = check("text/html", hardenedWith("Content-Security-Policy",
                "script-src 'nonce-r4nd0m' 'strict-dynamic' 'unsafe-inline' https:; object-src 'none'; base-uri 'none'; frame-ancestors 'self'"));

        assertThat(note(outcome, "Content-Security-Policy")).startsWith("Content-Security-Policy: WARN, scripts restricted, but style-src");
    }

    @Test
    void failsOnFrameAncestorsThatAllowAnySite() throws Exception {
        Outcome outcome = check("text/html", hardenedWith("Content-Security-Policy", "default-src 'self'; object-src 'none'; frame-ancestors *"));

        assertThat(note(outcome, "Frame protection")).isEqualTo("Frame protection: FAIL, CSP frame-ancestors allows any site (*)");
    }

    @Test
    void failsOnXFrameOptionsAllowFrom() throws Exception {
        List<String> headers = new ArrayList<>(hardenedWith("Content-Security-Policy", "default-src 'self'; object-src 'none'"));
        headers.addAll(List.of("X-Frame-Options", "ALLOW-FROM https://partner.example.org"));

        Outcome outcome = check("text/html", headers);

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(note(outcome, "Frame protection")).contains("ALLOW-FROM is ignored by current browsers");
    }

    @Test
    void failsOnALeakyReferrerPolicy() throws Exception {
        Outcome outcome = check("text/html", hardenedWith("Referrer-Policy", "no-referrer, unsafe-url"));

        assertThat(note(outcome, "Referrer-Policy")).startsWith("Referrer-Policy: FAIL, unsafe-url sends");
    }

    @Test
    void failsOnAnInvalidCrossOriginPolicy() throws Exception {
        Outcome outcome = check("text/html", hardenedWith("Cross-Origin-Opener-Policy", "same-orign"));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(note(outcome, "Cross-Origin-Opener-Policy")).contains("invalid value 'same-orign'");
    }

    @Test
    void warnsOnlyWhenAJsonAnswerLacksPageHeaders() throws Exception {
        Outcome outcome = check("application/json", List.of("X-Content-Type-Options", "nosniff", "Referrer-Policy", "no-referrer",
                "Permissions-Policy", "geolocation=()"));

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(note(outcome, "Content-Security-Policy")).isEqualTo("Content-Security-Policy: WARN, not set (not an HTML page)");
    }

    @Test
    void judgesThePageARedirectOnTheSameHostLeadsTo() throws Exception {
        server.route("/", answer(302, null, "", "Location", "/login"));
        server.route("/login", answer(200, "text/html", PAGE, HARDENED.toArray(String[]::new)));

        Outcome outcome = Live.run(new SecurityHeadersCheck(), server.probe());

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).contains(server.base() + "/login");
    }
}
