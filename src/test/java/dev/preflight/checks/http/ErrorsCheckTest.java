package dev.preflight.checks.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpHandler;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.preflight.check.CheckContext;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Status;
import dev.preflight.collect.HttpProbe;
import dev.preflight.collect.LocalServer;
import dev.preflight.collect.RequestLog;

class ErrorsCheckTest {
    private static final String JSON = "application/json";
    private static final String DJANGO_DEBUG_404 = """
            <title>Page not found at /preflight-missing</title>
            <p>You’re seeing this error because you have <code>DEBUG = True</code> in your Django settings file.</p>
            """;
    private static final String EXPRESS_DEV_400 = "<pre>SyntaxError: Unexpected end of JSON input<br> &nbsp; &nbsp;at parse "
                                                  + "(/srv/app/node_modules/body-parser/lib/types/json.js:96:19)</pre>";

    private LocalServer server;

    @BeforeEach
    void start() throws Exception {
        server = LocalServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Outcome check(String itemText, Map<String, String> params) {
        return check(itemText, params, server.probe());
    }

    private static Outcome check(String itemText, Map<String, String> params, HttpProbe probe) {
        return new ErrorsCheck().run(new CheckContext(new Params(params), itemText, null, probe, false, null));
    }

    /** GET answers the API's listing in JSON; POST answers {@code status} with {@code body}. */
    private static HttpHandler api(int status, String contentType, String body) {
        return exchange -> {
            if ("GET".equals(exchange.getRequestMethod())) {
                LocalServer.respond(exchange, 200, JSON, "{\"items\":[]}");
            } else {
                LocalServer.respond(exchange, status, contentType, body);
            }
        };
    }

    @Test
    void passesWhenAMissingPathAndAMalformedRequestAnswerCleanly() {
        server.route("/api/items", api(400, JSON, "{\"error\":\"invalid JSON\"}"));

        Outcome outcome = check("Validate error handling on /api/items", Map.of("path", "/api/items"));

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("no stack trace or debug page: a missing path answered 404 text/plain, "
                                                + "a malformed request 400 application/json");
        assertThat(outcome.evidence()).extracting(Evidence::describe).anySatisfy(e -> assertThat(e)
                .startsWith("POST " + server.base() + "/api/items with a 14-byte body that is not JSON -> HTTP 400, application/json"));
    }

    @Test
    void sendsOneTinyPostThatNoParserAccepts() {
        List<String> received = new CopyOnWriteArrayList<>();
        server.route("/", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                         + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            LocalServer.respond(exchange, 405, "text/html", "<h1>Method Not Allowed</h1>");
        });

        Outcome outcome = check("Validate error handling", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(received).containsExactly("POST application/json {\"preflight\": ");
    }

    @Test
    void failsOnDjangosDebug404Page() {
        server.fallback(exchange -> LocalServer.respond(exchange, 404, "text/html", DJANGO_DEBUG_404));

        Outcome outcome = check("Validate error handling", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("Django DEBUG page in the answer to a path that does not exist (HTTP 404); "
                                                + "Django DEBUG page in the answer to a malformed request (HTTP 404)");
        assertThat(outcome.evidence()).extracting(Evidence::describe)
                .contains("Django DEBUG page: \"seeing this error because you have DEBUG = True\"");
    }

    @Test
    void failsOnAStackTraceForAMalformedRequest() {
        server.route("/api/items", api(400, "text/html; charset=utf-8", EXPRESS_DEV_400));

        Outcome outcome = check("Stack traces hidden in production", Map.of("path", "/api/items"));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("Node.js stack trace in the answer to a malformed request (HTTP 400)");
        assertThat(outcome.remediation()).contains("NODE_ENV=production");
    }

    @Test
    void warnsWhenAJsonApiAnswersItsErrorsInHtml() {
        server.route("/api/items", api(400, "text/html; charset=utf-8", "<pre>Bad Request</pre>"));

        Outcome outcome = check("Validate error handling on /api/items", Map.of("path", "/api/items"));

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(outcome.summary()).startsWith("the API speaks JSON but the error for a malformed request is text/html; charset=utf-8");
        assertThat(outcome.evidence()).extracting(Evidence::describe)
                .anySatisfy(e -> assertThat(e).startsWith("GET " + server.base() + "/api/items -> HTTP 200, application/json"));
    }

    @Test
    void failsWhenTheItemAsksForJsonErrorsAndGetsHtml() {
        server.route("/", 400, "text/html", "<pre>Bad Request</pre>");

        Outcome outcome = check("Error responses - Proper JSON error format", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("the item asks for JSON errors but the error for a malformed request is text/html");
    }

    @Test
    void passesACleanServerErrorWhenTheItemDoesNotAskForStatusCodes() {
        server.route("/api/items", api(500, JSON, "{\"error\":\"internal server error\"}"));

        Outcome outcome = check("Exception handling - Global exception handler", Map.of("path", "/api/items"));

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).endsWith("a malformed request 500 application/json");
    }

    @Test
    void failsWhenTheItemAsksForProperCodesAndAMalformedRequestAnswers500() {
        server.route("/api/items", api(500, JSON, "{\"error\":\"internal server error\"}"));

        Outcome outcome = check("HTTP error codes - Proper 400, 404, 500 responses", Map.of("path", "/api/items"));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("a malformed request answered 500, not 4xx");
    }

    @Test
    void failsWhenTheItemAsksForProperCodesAndEveryPathAnswers200() {
        server.fallback(exchange -> LocalServer.respond(exchange, 200, "text/html", "<div id=\"root\"></div>"));

        Outcome outcome = check("HTTP error codes - Proper 400, 404, 500 responses", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("a path that does not exist answered 200, not 404; a malformed request answered 200, not 4xx");
    }

    @Test
    void asksForAnUnguessablePathEachRun() {
        List<String> paths = new CopyOnWriteArrayList<>();
        server.fallback(exchange -> {
            if ("GET".equals(exchange.getRequestMethod())) {
                paths.add(exchange.getRequestURI().getPath());
            }
            LocalServer.respond(exchange, 404, "text/plain", "not found");
        });

        check("Validate error handling", Map.of());
        check("Validate error handling", Map.of());

        assertThat(paths).hasSize(2).allMatch(p -> p.matches("/preflight-missing-[0-9a-f]{16}"));
        assertThat(paths.get(0)).isNotEqualTo(paths.get(1));
    }

    @Test
    void listsThePostInThePlanAndSendsNothing() {
        RequestLog plan = new RequestLog();
        HttpProbe planning = HttpProbe.forRun(List.of(server.base()), Duration.ofSeconds(2), null, Map.of(), Duration.ofSeconds(2), plan, what -> { });

        Outcome outcome = check("Validate error handling on /api/items", Map.of("path", "/api/items"), planning);

        assertThat(outcome.status()).isEqualTo(Status.ERROR);
        assertThat(plan.lines()).hasSize(3);
        assertThat(plan.lines().get(0)).matches("GET " + server.base() + "/preflight-missing-[0-9a-f]{16}");
        assertThat(plan.lines().subList(1, 3)).containsExactly("POST " + server.base() + "/api/items with a 14-byte body that is not JSON",
                "GET " + server.base() + "/api/items");
        assertThat(server.hits("/api/items")).isZero();
    }

    @Test
    void isAnErrorWhenTheDeploymentIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        HttpProbe probe = new HttpProbe(URI.create("http://127.0.0.1:" + closedPort), HttpProbe.client(Duration.ofSeconds(2), null),
                Map.of(), Duration.ofSeconds(2));

        Outcome outcome = check("Validate error handling", Map.of(), probe);

        assertThat(outcome.status()).isEqualTo(Status.ERROR);
        assertThat(outcome.summary()).isEqualTo("a path that does not exist got no answer: connection refused or unreachable");
    }
}
