package dev.preflight.checks.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

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

class HealthCheckTest {
    private static final String JSON = "application/json";

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
        return new HealthCheck().run(new CheckContext(new Params(params), itemText, null, probe, false, null));
    }

    @Test
    void passesOnSpringActuatorHealth() {
        server.route("/actuator/health", 200, "application/vnd.spring-boot.actuator.v3+json", "{\"status\":\"UP\"}");

        Outcome outcome = check("Test health check endpoint", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).startsWith("/actuator/health answered 200 in ");
        assertThat(server.hits("/health")).isEqualTo(1);
    }

    @Test
    void passesOnTheNamedPath() {
        server.route("/health", 200, JSON, "{\"status\":\"ok\",\"redis\":\"ok\",\"model_loaded\":true}");

        Outcome outcome = check("Health endpoint - /health with detailed info", Map.of("path", "/health"));

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).hasSize(3).first().isInstanceOfSatisfying(Evidence.Http.class, e -> {
            assertThat(e.request()).isEqualTo("GET " + server.base() + "/health");
            assertThat(e.response()).isEqualTo("HTTP 200, application/json, 48 bytes");
        });
        assertThat(outcome.evidence().get(1)).isInstanceOfSatisfying(Evidence.Measurement.class, m -> {
            assertThat(m.name()).isEqualTo("latency");
            assertThat(m.unit()).isEqualTo("ms");
        });
        assertThat(outcome.evidence().get(2).describe()).isEqualTo("/health reports status ok, redis ok, model_loaded true");
    }

    @Test
    void followsARedirectToTheSamePathWithATrailingSlash() {
        server.route("/health", redirect("/health/"));
        server.route("/health/", 200, JSON, "{\"status\":\"ok\"}");

        Outcome outcome = check("Test health check endpoint", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).startsWith("/health/ answered 200 in ");
        assertThat(server.hits("/health")).isEqualTo(1);
    }

    @Test
    void doesNotFollowARedirectToAnotherPage() {
        server.route("/health", redirect("/login?next=/health"));
        server.route("/login", 200, "text/html", "<form>sign in</form>");

        Outcome outcome = check("Health endpoint - /health", Map.of("path", "/health"));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(server.hits("/login")).isZero();
    }

    private static HttpHandler redirect(String location) {
        return exchange -> {
            exchange.getResponseHeaders().set("Location", location);
            LocalServer.respond(exchange, 301, "text/html; charset=utf-8", "");
        };
    }

    @Test
    void failsOnAnEmptyBody() {
        server.route("/health", 200, null, "");

        Outcome outcome = check("Test health check endpoint", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("/health answered 200 with an empty body");
    }

    @Test
    void failsWhenTheServiceIsUnavailable() {
        server.route("/health", 503, JSON, "{\"status\":\"DOWN\",\"db\":\"connection refused\"}");

        Outcome outcome = check("Test health check endpoint", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("no health endpoint answered 2xx (tried /health, /healthz, /api/health, /actuator/health, /status)");
        assertThat(outcome.evidence().getFirst().describe()).contains("HTTP 503");
    }

    @Test
    void failsWhenNoHealthEndpointExists() {
        Outcome outcome = check("Check service health", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence().getFirst().describe()).contains("HTTP 404");
    }

    @Test
    void warnsWhenTheAnswerIsSlowerThanTheItemAllows() {
        server.route("/health", exchange -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LocalServer.respond(exchange, 200, JSON, "{\"status\":\"ok\"}");
        });

        Outcome outcome = check("Test health check endpoint", Map.of("latency", "50ms"));

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(outcome.summary()).startsWith("/health answered 200 but took ").endsWith(" ms (limit 50 ms)");
    }

    @Test
    void passesOnDistinctReadinessAndLiveness() {
        server.route("/health/ready", 200, JSON, "{\"status\":\"ready\",\"checks\":{\"db\":\"ok\",\"redis\":\"ok\"}}");
        server.route("/health/live", 200, JSON, "{\"status\":\"alive\"}");

        Outcome outcome = check("/health/ready - Readiness probe", Map.of("path", "/health/ready"));

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).startsWith("readiness /health/ready and liveness /health/live answer 2xx on distinct paths");
        assertThat(outcome.evidence()).filteredOn(Evidence.Http.class::isInstance).extracting(Evidence::describe)
                .satisfiesExactly(ready -> assertThat(ready).contains("/health/ready -> HTTP 200"),
                        live -> assertThat(live).contains("/health/live -> HTTP 200"));
    }

    @Test
    void failsWhenReadinessIsLiveness() {
        server.route("/healthz", 200, "text/plain", "ok");

        Outcome outcome = check("Readiness and liveness probes on /healthz", Map.of("path", "/healthz"));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("readiness and liveness are the same endpoint (/healthz)");
    }

    @Test
    void failsWhenTheReadinessProbeIsMissing() {
        server.route("/health", 200, JSON, "{\"status\":\"ok\"}");

        Outcome outcome = check("Readiness probe configured", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("no health endpoint answered 2xx (tried /health/ready,");
    }

    @Test
    void goLiveInTheWordsIsNotALivenessProbe() {
        server.route("/health", 200, JSON, "{\"status\":\"ok\"}");

        assertThat(check("Check service health before go-live", Map.of()).status()).isEqualTo(Status.PASS);
    }

    @Test
    void failsWhenTheBodyReportsDownOnA200() {
        server.route("/health", 200, JSON, "{\"status\":\"DOWN\",\"components\":{\"db\":{\"status\":\"DOWN\"}}}");

        Outcome outcome = check("Test health check endpoint", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("/health answered 200 but reports status DOWN");
    }

    @Test
    void warnsWhenTheBodyReportsItselfDegraded() {
        server.route("/health", 200, "application/health+json", "{\"status\":\"warn\",\"checks\":{\"disk:utilization\":[{\"status\":\"warn\"}]}}");

        Outcome outcome = check("Test health check endpoint", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(outcome.summary()).isEqualTo("/health reports status warn");
    }

    @Test
    void passesWhenTheHealthCheckReportsTheDatabaseTheItemNames() {
        server.route("/actuator/health", 200, "application/vnd.spring-boot.actuator.v3+json",
                "{\"status\":\"UP\",\"components\":{\"db\":{\"status\":\"UP\",\"details\":{\"database\":\"PostgreSQL\"}},"
                + "\"diskSpace\":{\"status\":\"UP\"},\"ping\":{\"status\":\"UP\"}}}");

        Outcome outcome = check("Health check includes database connectivity", Map.of());

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).startsWith("/actuator/health answered 200 in ").endsWith(" ms: db UP");
    }

    @Test
    void failsWhenTheHealthCheckDoesNotReportTheDatabaseTheItemNames() {
        server.route("/health", 200, JSON, "{\"status\":\"ok\"}");

        Outcome outcome = check("Health check includes database connectivity", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("/health does not report the database");
    }

    @Test
    void failsWhenTheHealthCheckReportsRedisDown() {
        server.route("/health", 200, JSON, "{\"status\":\"ok\",\"db\":\"ok\",\"redis\":\"connection refused\"}");

        Outcome outcome = check("Health endpoint checks database and Redis", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("/health reports redis connection refused");
    }

    @Test
    void passesDatabaseConnectivityFromTheHealthBody() {
        server.route("/health", 200, "application/health+json",
                "{\"status\":\"pass\",\"checks\":{\"postgresql:connections\":[{\"status\":\"pass\",\"observedValue\":12}]}}");

        Outcome outcome = check("Database connectivity verified", Map.of());

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("/health reports postgresql:connections pass");
    }

    @Test
    void failsRedisConnectivityFromA503ThatReportsIt() {
        server.route("/health", 503, JSON, "{\"status\":\"DOWN\",\"components\":{\"redis\":{\"status\":\"DOWN\","
                                           + "\"details\":{\"error\":\"RedisConnectionFailureException\"}}}}");

        Outcome outcome = check("Redis connectivity verified", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("/health reports redis DOWN");
    }

    @Test
    void leavesDatabaseConnectivityUnverifiedWhenTheBodyDoesNotReportIt() {
        server.route("/health", 200, JSON, "{\"status\":\"ok\"}");

        Outcome outcome = check("Database connectivity verified", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.isUnverified()).as("never a pass: the database was not checked").isTrue();
        assertThat(outcome.summary()).isEqualTo("/health does not report the database (a check that connects to it needs --db)");
    }

    @Test
    void isAnErrorWhenTheDeploymentIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        HttpProbe probe = new HttpProbe(URI.create("http://127.0.0.1:" + closedPort), HttpProbe.client(Duration.ofSeconds(2), null),
                Map.of(), Duration.ofSeconds(2));

        Outcome outcome = check("Test health check endpoint", Map.of(), probe);

        assertThat(outcome.status()).isEqualTo(Status.ERROR);
        assertThat(outcome.summary()).isEqualTo("health endpoint could not be reached: connection refused or unreachable");
    }
}
