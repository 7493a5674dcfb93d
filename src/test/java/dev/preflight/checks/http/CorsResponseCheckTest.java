package dev.preflight.checks.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import com.sun.net.httpserver.HttpHandler;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.GitRepo;
import dev.preflight.collect.HttpProbe;
import dev.preflight.collect.LocalServer;
import dev.preflight.collect.RepoSnapshot;

class CorsResponseCheckTest {
    @TempDir
    Path repo;

    private LocalServer server;

    @BeforeEach
    void start() throws Exception {
        server = LocalServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** An API that answers Access-Control-Allow-Origin as {@code allow} decides from the request's Origin (null: no header). */
    private void api(java.util.function.UnaryOperator<String> allow, boolean credentials) {
        HttpHandler handler = exchange -> {
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            String allowed = origin == null ? null : allow.apply(origin);
            if (allowed != null) {
                exchange.getResponseHeaders().set("Access-Control-Allow-Origin", allowed);
                if (credentials) {
                    exchange.getResponseHeaders().set("Access-Control-Allow-Credentials", "true");
                }
            }
            LocalServer.respond(exchange, exchange.getRequestMethod().equals("OPTIONS") ? 204 : 200, "application/json", "{}");
        };
        server.route("/", handler).route("/api/items", handler);
    }

    private Outcome check(Map<String, String> params, RepoSnapshot snapshot) throws Exception {
        return Live.run(new CorsResponseCheck(), server.probe(), params, snapshot);
    }

    @Test
    void passesWhenNoForeignOriginIsAllowed() throws Exception {
        api(origin -> origin.equals("https://app.example.com") ? origin : null, true);

        Outcome outcome = check(Map.of(), null);

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("OPTIONS and GET from https://preflight-cors-probe.example and GET from null were granted "
                                                + "no cross-origin access");
        assertThat(server.hits("/")).isEqualTo(3);
    }

    @Test
    void failsOnAReflectedOriginWithCredentials() throws Exception {
        api(origin -> origin, true);

        Outcome outcome = check(Map.of("path", "/api/items"), null);

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("the foreign origin https://preflight-cors-probe.example is reflected with credentials: any site "
                                                + "may read the answers as the signed-in user; the null origin is allowed with credentials: any "
                                                + "site can send it from a sandboxed frame");
        assertThat(server.hits("/api/items")).isEqualTo(3);
    }

    @Test
    void failsOnAWildcard() throws Exception {
        api(origin -> "*", false);

        Outcome outcome = check(Map.of(), null);

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("wildcard Access-Control-Allow-Origin: any site may read the answers");
    }

    @Test
    void failsOnAWildcardWithCredentials() throws Exception {
        api(origin -> "*", true);

        assertThat(check(Map.of(), null).summary()).startsWith("wildcard Access-Control-Allow-Origin with credentials");
    }

    @Test
    void failsWhenOnlyTheNullOriginIsAllowed() throws Exception {
        api(origin -> origin.equals("null") ? "null" : null, false);

        Outcome outcome = check(Map.of(), null);

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("the null origin is allowed:");
    }

    @Test
    void passesWhenTheOriginsTheRepositoryNamesAreAllowed() throws Exception {
        GitRepo.write(repo, "proj/settings.py", "CORS_ALLOWED_ORIGINS = [\n    'https://app.example.com',\n    'https://admin.example.com',\n]\n");
        Set<String> allowlist = Set.of("https://app.example.com", "https://admin.example.com");
        api(origin -> allowlist.contains(origin) ? origin : null, true);

        Outcome outcome = check(Map.of(), new RepoSnapshot(repo));

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).endsWith("; the 2 origin(s) the repository names are allowed");
    }

    @Test
    void warnsWhenTheDeploymentRefusesAnOriginTheRepositoryNames() throws Exception {
        GitRepo.write(repo, "server.js", "app.use(cors({ origin: ['https://app.example.com'], credentials: true }));\n");
        api(origin -> null, false);

        Outcome outcome = check(Map.of(), new RepoSnapshot(repo));

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(outcome.summary()).startsWith("the deployment does not allow https://app.example.com, which the repository's CORS settings name");
    }

    @Test
    void isAnErrorAfterOneRequestWhenTheDeploymentDoesNotAnswer() throws Exception {
        URI closed = server.base();
        server.close();
        HttpProbe probe = new HttpProbe(closed, HttpProbe.client(Duration.ofSeconds(2), null), Map.of(), Duration.ofSeconds(2));

        Outcome outcome = Live.run(new CorsResponseCheck(), probe);

        assertThat(outcome.status()).isEqualTo(Status.ERROR);
        assertThat(outcome.summary()).isEqualTo("the CORS preflight was not answered: connection refused or unreachable");
        assertThat(outcome.evidence()).hasSize(1);
    }
}
