package dev.preflight.checks.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

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

class ExposureCheckTest {
    private static final String JSON = "application/json";
    private static final String SWAGGER_UI = """
            <!DOCTYPE html>
            <html><head><link type="text/css" rel="stylesheet" href="https://cdn.example/swagger-ui.css">
            <title>Items API - Swagger UI</title></head>
            <body><div id="swagger-ui"></div><script src="https://cdn.example/swagger-ui-bundle.js"></script></body></html>
            """;
    private static final String ACTUATOR_ALL = """
            {"_links":{"self":{"href":"http://127.0.0.1/actuator","templated":false},
            "beans":{"href":"http://127.0.0.1/actuator/beans","templated":false},
            "health":{"href":"http://127.0.0.1/actuator/health","templated":false},
            "env":{"href":"http://127.0.0.1/actuator/env","templated":false},
            "heapdump":{"href":"http://127.0.0.1/actuator/heapdump","templated":false}}}
            """;
    private static final String ACTUATOR_DEFAULT = """
            {"_links":{"self":{"href":"http://127.0.0.1/actuator","templated":false},
            "health":{"href":"http://127.0.0.1/actuator/health","templated":false},
            "health-path":{"href":"http://127.0.0.1/actuator/health/{*path}","templated":true}}}
            """;
    private static final String WERKZEUG_CONSOLE = """
                <title>Console // Werkzeug Debugger</title>
                <script src="?__debugger__=yes&amp;cmd=resource&amp;f=debugger.js"></script>
              <body style="background-color: #fff">
                <div class="debugger">
            <h1>Interactive Console</h1>
            """;

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
        return new ExposureCheck().run(new CheckContext(new Params(params), itemText, null, probe, false, null));
    }

    private static HttpHandler redirect(String location) {
        return exchange -> {
            exchange.getResponseHeaders().set("Location", location);
            LocalServer.respond(exchange, 302, "text/html; charset=utf-8", "");
        };
    }

    @Test
    void passesWhenTheDocsTheItemAsksForAnswer() {
        server.route("/openapi.json", 200, JSON, "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"Items API\"},\"paths\":{}}");

        Outcome outcome = check("Test OpenAPI docs access", Map.of());

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("API docs at /openapi.json (200)");
        assertThat(server.hits("/admin")).as("an item about docs probes only docs").isZero();
        assertThat(server.hits("/console")).isZero();
    }

    @Test
    void passesOnTheDocsPathTheItemNames() {
        server.route("/docs", 200, "text/html; charset=utf-8", SWAGGER_UI);

        Outcome outcome = check("API docs - Auto-generated at /docs", Map.of("path", "/docs"));

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("API docs at /docs (200)");
        assertThat(server.hits("/redoc")).isZero();
    }

    @Test
    void failsWhenTheDocsTheItemAsksForAreMissing() {
        Outcome outcome = check("Test OpenAPI docs access", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("no API docs endpoint answers (tried /docs, /redoc, /openapi.json, /swagger-ui.html, "
                                                + "/api-docs, /v3/api-docs)");
    }

    @Test
    void failsWhenDocsTheItemWantsHiddenAnswer() {
        server.route("/docs", 200, "text/html; charset=utf-8", SWAGGER_UI);

        Outcome outcome = check("Swagger UI disabled in production", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("exposed: API docs at /docs (200)");
    }

    @Test
    void failsOnActuatorEnvAndHeapdumpWithoutFetchingTheHeapdump() {
        server.route("/actuator", 200, "application/vnd.spring-boot.actuator.v3+json", ACTUATOR_ALL);
        server.route("/actuator/env", 200, JSON, "{\"activeProfiles\":[],\"propertySources\":[]}");

        Outcome outcome = check("Actuator endpoints secured", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("open without a login: Spring Boot Actuator endpoints beans, env, heapdump at /actuator (200); "
                                                + "open without a login: Spring Boot Actuator environment at /actuator/env (200)");
        assertThat(server.hits("/actuator/heapdump")).as("a GET of heapdump pauses the JVM to dump its heap").isZero();
    }

    @Test
    void passesOnAnActuatorThatExposesOnlyHealth() {
        server.route("/actuator", 200, "application/vnd.spring-boot.actuator.v3+json", ACTUATOR_DEFAULT);

        Outcome outcome = check("Actuator endpoints secured", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("none of the 2 actuator paths tried answers");
    }

    @Test
    void failsOnTheWerkzeugConsole() {
        server.route("/console", 200, "text/html; charset=utf-8", WERKZEUG_CONSOLE);

        Outcome outcome = check("Debug endpoints disabled", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("debug page: Werkzeug debugger page at /console (200)");
    }

    @Test
    void failsOnAnAdminLoginTheItemWantsHidden() {
        server.route("/admin/", redirect("/admin/login/?next=/admin/"));

        Outcome outcome = check("Admin panel not exposed", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("exposed: admin login (redirect to /admin/login/) at /admin/ (302)");
    }

    @Test
    void passesOnAnAdminBehindALoginWhenTheItemWantsItProtected() {
        server.route("/admin/", redirect("/admin/login/?next=/admin/"));

        Outcome outcome = check("Admin panel protected by login", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("admin login (redirect to /admin/login/) at /admin/ (302)");
    }

    @Test
    void failsOnAnAdminPageOpenWithoutALogin() {
        server.route("/admin", 200, "text/html", "<h1>Site administration</h1><a href=\"/admin/users\">Users</a>");

        Outcome outcome = check("Admin interface protected", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("open without a login: admin page at /admin (200)");
    }

    @Test
    void warnsOnReachableDocsWhenTheItemDoesNotSayWhetherTheyShouldBe() {
        server.route("/openapi.json", 200, JSON, "{\"openapi\":\"3.0.3\",\"paths\":{}}");

        Outcome outcome = check("Review exposed endpoints", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(outcome.summary()).isEqualTo("reachable: API docs at /openapi.json (200) (the item does not say whether they should be)");
    }

    @Test
    void passesOnASinglePageAppThatAnswersEveryPathWithItsIndex() {
        List<String> asked = new CopyOnWriteArrayList<>();
        server.fallback(exchange -> {
            asked.add(exchange.getRequestURI().getPath());
            LocalServer.respond(exchange, 200, "text/html", "<!doctype html><div id=\"root\"></div><script src=\"/app.js\"></script>");
        });

        Outcome outcome = check("Review exposed endpoints", Map.of());

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("none of the 14 API docs, admin, actuator, debug paths tried answers");
        assertThat(asked).hasSize(15).doesNotContain("/actuator/heapdump");
    }

    @Test
    void failsOnDjangosDebugPageOnceForEveryPath() {
        server.fallback(exchange -> LocalServer.respond(exchange, 404, "text/html",
                "<p>You’re seeing this error because you have <code>DEBUG = True</code> in your Django settings file.</p>"));

        Outcome outcome = check("Review exposed endpoints", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("debug page: Django DEBUG page at /docs (404)");
    }

    @Test
    void isAnErrorWhenTheDeploymentIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        HttpProbe probe = new HttpProbe(URI.create("http://127.0.0.1:" + closedPort), HttpProbe.client(Duration.ofSeconds(2), null),
                Map.of(), Duration.ofSeconds(2));

        Outcome outcome = check("Test OpenAPI docs access", Map.of(), probe);

        assertThat(outcome.status()).isEqualTo(Status.ERROR);
        assertThat(outcome.summary()).isEqualTo("no endpoint could be reached: connection refused or unreachable");
    }
}
