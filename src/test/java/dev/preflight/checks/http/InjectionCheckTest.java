package dev.preflight.checks.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.sun.net.httpserver.HttpHandler;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.preflight.check.CheckContext;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Status;
import dev.preflight.collect.HttpProbe;
import dev.preflight.collect.LocalServer;
import dev.preflight.collect.RequestLog;

class InjectionCheckTest {
    private LocalServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = LocalServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Outcome check(String path) {
        return check(path, server.probe());
    }

    private static Outcome check(String path, HttpProbe probe) {
        return new InjectionCheck().run(new CheckContext(new Params(Map.of("path", path)), "Test SQL injection attempts", null, probe, true));
    }

    /** A handler that answers {@code page(q)} for the decoded value of parameter {@code q}, recording each raw query. */
    private HttpHandler page(String contentType, Function<String, String> page) {
        return exchange -> {
            String raw = exchange.getRequestURI().getRawQuery();
            queries.add(raw);
            String q = "";
            for (String pair : raw.split("&")) {
                if (pair.startsWith("q=")) {
                    q = URLDecoder.decode(pair.substring(2), StandardCharsets.UTF_8);
                }
            }
            String body = page.apply(q);
            int status = body.startsWith("500 ") ? 500 : 200;
            LocalServer.respond(exchange, status, contentType, body);
        };
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    @Test
    void passesOnAnEndpointThatBindsAndEscapesItsParameter() {
        server.route("/search", page("text/html; charset=utf-8", q -> "<h1>Results for " + escape(q) + "</h1><p>No items.</p>"));

        Outcome outcome = check("/search?q=shoes&page=2");

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("/search: 16 payloads on q, page caused no 5xx, no database error text and no unescaped reflection");
        assertThat(queries).hasSize(17).first().isEqualTo("q=shoes&page=2");
        assertThat(queries).contains("q=%27&page=2", "q=shoes&page=%27", "q=%3Cscript%3Ealert%28%27preflight-xss%27%29%3C%2Fscript%3E&page=2");
    }

    @Test
    void failsWhenAQuoteBringsDatabaseErrorTextBack() {
        // What a Flask view that formats the SQL and returns str(e) answers: sqlite3's own words, in JSON.
        server.route("/search", page("application/json", q -> q.chars().filter(c -> c == '\'').count() % 2 == 1
                ? "{\"error\": \"unrecognized token: \\\"'" + q + "'\\\"\"}" : "{\"items\": []}"));

        Outcome outcome = check("/search?q=shoes");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("/search: 2 of 8 payloads on q showed a weakness: SQLite error text (")
                .contains("for `'` in q");
    }

    @Test
    void failsWhenAPayloadMakesTheServerFail() {
        server.route("/items", page("text/plain", q -> q.matches("\\d*") ? "[]" : "500 Internal Server Error"));

        Outcome outcome = check("/items?q=1");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("/items: 8 of 8 payloads on q showed a weakness: HTTP 500 for `'` in q; HTTP 500 for `\"` in q; ");
    }

    @Test
    void failsWhenTheMarkerIsReflectedUnescapedInHtml() {
        server.route("/greet", page("text/html", q -> "<p>Hello " + q + "</p>"));

        Outcome outcome = check("/greet?q=dana");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("/greet: 2 of 8 payloads on q showed a weakness: reflected unescaped in text/html for "
                                                + "`<script>alert('preflight-xss')</script>` in q; reflected unescaped in text/html for "
                                                + "`\"><svg onload=alert('preflight-xss')>` in q");
    }

    @Test
    void passesWhenTheReflectionIsJsonThatNoBrowserRenders() {
        server.route("/echo", page("application/json", q -> "{\"q\": \"" + q.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}"));

        assertThat(check("/echo?q=x").status()).isEqualTo(Status.PASS);
    }

    @Test
    void databaseWordsThatThePageAlwaysShowsDoNotCount() {
        server.route("/docs", page("text/html", q -> "<p>Troubleshooting ORA-01756: quoted string not properly terminated</p>"));

        assertThat(check("/docs?q=ora").status()).isEqualTo(Status.PASS);
    }

    @Test
    void triesAtMostFiveParameters() {
        server.route("/report", page("application/json", q -> "[]"));

        Outcome outcome = check("/report?a=1&b=2&c=3&d=4&e=5&f=6&g=7");

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).contains("40 payloads on a, b, c, d, e (the first 5 of 7 parameters)");
        assertThat(server.hits("/report")).isEqualTo(41);
    }

    @Test
    void aBaselineThatFailsIsAnErrorAndNoPayloadIsSent() {
        server.route("/search", page("text/plain", q -> "500 broken"));

        Outcome outcome = check("/search?q=shoes");

        assertThat(outcome.status()).isEqualTo(Status.ERROR);
        assertThat(outcome.summary()).isEqualTo("/search?q=shoes could not be judged: HTTP 500 with its ordinary values, so payloads would prove nothing");
        assertThat(server.hits("/search")).isEqualTo(1);
    }

    @Test
    void withoutParametersTheItemStaysUnverified() {
        Outcome outcome = check("/search");

        assertThat(outcome.isUnverified()).isTrue();
        assertThat(outcome.summary()).startsWith("needs the endpoint and the query parameters to try: name them with");
        assertThat(server.hits("/search")).isZero();
    }

    @Test
    void thePlanListsTheBaselineAndEveryPayload() {
        RequestLog plan = new RequestLog();
        HttpProbe probe = HttpProbe.forRun(List.of(server.base()), Duration.ofSeconds(1), null, Map.of(), Duration.ofSeconds(1), plan, what -> { });

        check("/search?q=shoes", probe);

        assertThat(plan.lines()).hasSize(9)
                .startsWith("GET " + server.base() + "/search?q=shoes", "GET " + server.base() + "/search?q=%27")
                .endsWith("GET " + server.base() + "/search?q=%22%3E%3Csvg+onload%3Dalert%28%27preflight-xss%27%29%3E");
    }
}
