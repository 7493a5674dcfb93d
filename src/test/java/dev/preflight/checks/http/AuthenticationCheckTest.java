package dev.preflight.checks.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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

class AuthenticationCheckTest {
    private static final String API_KEY = "k-live-3f9a27c1d04b";
    private static final byte[] SECRET = "test-signing-key-of-the-test-server".getBytes(StandardCharsets.UTF_8);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private LocalServer server;

    @BeforeEach
    void start() throws Exception {
        server = LocalServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Outcome check(String item, Map<String, String> params, Map<String, String> headers) {
        HttpProbe probe = new HttpProbe(server.base(), HttpProbe.client(Duration.ofSeconds(5), null), headers, Duration.ofSeconds(10));
        return check(item, params, probe);
    }

    private static Outcome check(String item, Map<String, String> params, HttpProbe probe) {
        return new AuthenticationCheck().run(new CheckContext(new Params(params), item, null, probe, true));
    }

    /** An API that wants its key in X-API-Key: 401 without one, 403 for a wrong one. */
    private static HttpHandler apiKeyGuard() {
        return exchange -> {
            String key = exchange.getRequestHeaders().getFirst("X-API-Key");
            if (key == null) {
                LocalServer.respond(exchange, 401, "application/json", "{\"error\":\"missing API key\"}");
            } else if (!MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), API_KEY.getBytes(StandardCharsets.UTF_8))) {
                LocalServer.respond(exchange, 403, "application/json", "{\"error\":\"invalid API key " + key + "\"}");
            } else {
                LocalServer.respond(exchange, 200, "application/json", "{\"items\":[1,2,3]}");
            }
        };
    }

    /** A JWT guard as a library does it: HS256 only, signature checked, exp enforced; or a careless one that only decodes. */
    private static HttpHandler jwtGuard(boolean verifies) {
        return exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            boolean ok = auth != null && auth.startsWith("Bearer ") && (verifies ? verified(auth.substring(7)) : decodes(auth.substring(7)));
            LocalServer.respond(exchange, ok ? 200 : 401, "application/json", ok ? "{\"me\":\"dana\"}" : "{\"error\":\"unauthorized\"}");
        };
    }

    private static boolean verified(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8).contains("\"HS256\"")) {
            return false;
        }
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        long exp = Long.parseLong(payload.replaceAll(".*\"exp\":(\\d+).*", "$1"));
        return MessageDigest.isEqual(sign(parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), parts[2].getBytes(StandardCharsets.US_ASCII))
               && exp > Instant.now().getEpochSecond();
    }

    private static boolean decodes(String token) {
        return token.split("\\.", -1).length == 3;
    }

    private static String jwt(String claims) {
        String header = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + "." + sign(header + "." + payload);
    }

    private static String sign(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
            return B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String lifetime(Duration before, Duration after) {
        long now = Instant.now().getEpochSecond();
        return "{\"sub\":\"dana\",\"iat\":" + (now - before.toSeconds()) + ",\"exp\":" + (now + after.toSeconds()) + "}";
    }

    /** Everything an outcome says, for asserting that no credential is in it. */
    private static String all(Outcome o) {
        return o.summary() + "\n" + o.remediation() + "\n" + String.join("\n", o.evidence().stream().map(Evidence::describe).toList());
    }

    @Test
    void passesWhenNoKeyAndAWrongKeyAreRefusedAndTheRightOneAccepted() {
        server.route("/api/items", apiKeyGuard());

        Outcome outcome = check("Test API key authentication", Map.of("path", "/api/items"), Map.of("X-API-Key", API_KEY));

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("/api/items refused no credential, an invalid X-API-Key value and accepted the --header values (200)");
        assertThat(outcome.evidence()).map(e -> ((Evidence.Http) e).request() + " -> " + ((Evidence.Http) e).response()).containsExactly(
                "GET " + server.base() + "/api/items (the --header values) -> HTTP 200, application/json, 17 bytes",
                "GET " + server.base() + "/api/items (no credential) -> HTTP 401, application/json, 27 bytes",
                "GET " + server.base() + "/api/items (an invalid X-API-Key value) -> HTTP 403, application/json, 56 bytes");
        assertThat(all(outcome)).doesNotContain(API_KEY);
        assertThat(server.hits("/api/items")).isEqualTo(3);
    }

    @Test
    void passesWithoutAHeaderAndSaysTheValidCaseWasNotTested() {
        server.route("/api/items", apiKeyGuard());

        Outcome outcome = check("Test authentication (invalid key)", Map.of("path", "/api/items"), Map.of());

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("/api/items refused no credential, an invalid Authorization and X-API-Key value;"
                                                + " the valid case was not tested (no --header given)");
    }

    @Test
    void failsWhenTheEndpointAnswersWithoutACredential() {
        server.route("/api/items", 200, "application/json", "{\"items\":[1,2,3]}");

        Outcome outcome = check("Test API key authentication", Map.of("path", "/api/items"), Map.of("X-API-Key", API_KEY));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("/api/items: accepted a request with no credential (200); "
                                                + "accepted a request with an invalid X-API-Key value (200)");
    }

    @Test
    void failsWhenTheValidCredentialIsRefused() {
        server.route("/api/items", apiKeyGuard());

        Outcome outcome = check("Test authentication (valid key)", Map.of("path", "/api/items"), Map.of("X-API-Key", "k-old-000000000000"));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("/api/items: the credential given with --header was refused (403)");
    }

    @Test
    void failsWhenAnInvalidCredentialMakesTheServerFail() {
        server.route("/api/items", exchange -> {
            String key = exchange.getRequestHeaders().getFirst("X-API-Key");
            int status = key == null ? 401 : key.equals(API_KEY) ? 200 : 500;
            LocalServer.respond(exchange, status, "text/plain", "status " + status);
        });

        Outcome outcome = check("Test authentication (invalid key)", Map.of("path", "/api/items"), Map.of("X-API-Key", API_KEY));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("/api/items: answered 500 to an invalid X-API-Key value instead of refusing it");
    }

    @Test
    void passesOnAShortLivedJwtThatIsVerifiedAndNeverPrintsIt() {
        server.route("/api/me", jwtGuard(true));
        String token = jwt(lifetime(Duration.ofMinutes(5), Duration.ofMinutes(55)));

        Outcome outcome = check("Token expiry times set appropriately", Map.of("path", "/api/me"), Map.of("Authorization", "Bearer " + token));

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("/api/me refused no credential, an invalid Authorization value, the JWT with its signature"
                                                + " altered, the JWT re-declared as alg none and accepted the --header values (200); token lifetime 1 h");
        assertThat(all(outcome)).contains("JWT given with --header: alg HS256, exp ")
                .doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1)).doesNotContain(token.substring(0, 20));
        assertThat(server.hits("/api/me")).isEqualTo(5);
    }

    @Test
    void failsWhenTheServerDoesNotCheckSignatures() {
        server.route("/api/me", jwtGuard(false));
        String token = jwt(lifetime(Duration.ZERO, Duration.ofMinutes(15)));

        Outcome outcome = check("Test authentication", Map.of("path", "/api/me"), Map.of("Authorization", "Bearer " + token));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("/api/me: accepted a request with the JWT with its signature altered (200); "
                                                + "accepted a request with the JWT re-declared as alg none (200)");
    }

    @Test
    void warnsOnALongLivedTokenAndFailsAboveTheItemsDuration() {
        server.route("/api/me", jwtGuard(true));
        String token = jwt(lifetime(Duration.ofHours(1), Duration.ofDays(29).plusHours(23)));
        Map<String, String> header = Map.of("Authorization", "Bearer " + token);

        Outcome byDefault = check("Token expiry times set appropriately", Map.of("path", "/api/me"), header);
        Outcome byItem = check("Tokens expire within 1 hour", Map.of("path", "/api/me", "duration", "1h"), header);

        assertThat(byDefault.status()).isEqualTo(Status.WARN);
        assertThat(byDefault.summary()).endsWith("; token lifetime 30 d; but token lifetime 30 d exceeds 1 d (the default bound)");
        assertThat(byItem.status()).isEqualTo(Status.FAIL);
        assertThat(byItem.summary()).isEqualTo("/api/me: token lifetime 30 d exceeds 1 h (the item's bound)");
    }

    @Test
    void failsOnATokenWithoutExpiry() {
        server.route("/api/me", jwtGuard(false));

        Outcome outcome = check("JWT expiry", Map.of("path", "/api/me"), Map.of("Authorization", "Bearer " + jwt("{\"sub\":\"dana\"}")));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).contains("the JWT given has no exp claim: it never expires");
    }

    @Test
    void anExpiredTokenThatIsRefusedLeavesTheValidCaseUntestedAsAnError() {
        server.route("/api/me", jwtGuard(true));
        String token = jwt(lifetime(Duration.ofHours(2), Duration.ofHours(-1)));

        Outcome outcome = check("Test authentication", Map.of("path", "/api/me"), Map.of("Authorization", "Bearer " + token));

        assertThat(outcome.status()).isEqualTo(Status.ERROR);
        assertThat(outcome.summary()).startsWith("the token given with --header expired at ").endsWith(": give a fresh token");
    }

    @Test
    void aRedirectWithoutAValidCredentialIsAnErrorButALoginRedirectNextToOneIsARefusal() {
        server.route("/account", exchange -> {
            boolean in = API_KEY.equals(exchange.getRequestHeaders().getFirst("X-API-Key"));
            if (!in) {
                exchange.getResponseHeaders().set("Location", "/login?next=/account");
            }
            LocalServer.respond(exchange, in ? 200 : 302, "text/html", in ? "<p>account</p>" : "");
        });

        Outcome anonymous = check("Test authentication", Map.of("path", "/account"), Map.of());
        Outcome withKey = check("Test authentication", Map.of("path", "/account"), Map.of("X-API-Key", API_KEY));

        assertThat(anonymous.status()).isEqualTo(Status.ERROR);
        assertThat(anonymous.summary()).isEqualTo("/account answered 302 redirect to /login?next=/account to no credential: without a valid "
                                                  + "credential (--header) that is not telling a refusal from a wrong path");
        assertThat(withKey.status()).isEqualTo(Status.PASS);
        assertThat(withKey.summary()).startsWith("/account refused no credential (302 redirect to /login?next=/account), ");
    }

    @Test
    void withoutANamedEndpointTheItemStaysUnverified() {
        Outcome outcome = check("Test API key authentication", Map.of(), Map.of());

        assertThat(outcome.isUnverified()).isTrue();
        assertThat(outcome.summary()).startsWith("needs the protected endpoint: name it with <!-- preflight: http.auth path=");
    }

    @Test
    void invalidCredentialsKeepTheShapeOfTheValidOnes() {
        assertThat(AuthenticationCheck.invalidLike("Authorization", "Bearer abc.def.ghi")).isEqualTo("Bearer preflight-invalid-credential");
        assertThat(AuthenticationCheck.invalidLike("Authorization", "Basic ZGFuYTpzZWNyZXQ="))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("preflight:preflight-invalid-credential".getBytes(StandardCharsets.UTF_8)));
        assertThat(AuthenticationCheck.invalidLike("Cookie", "session=s3cr3t; theme=dark"))
                .isEqualTo("session=preflight-invalid-credential; theme=preflight-invalid-credential");
        assertThat(AuthenticationCheck.invalidLike("X-API-Key", API_KEY)).isEqualTo("preflight-invalid-credential");
    }

    @Test
    void thePlanSaysWhatEachRequestCarriesWithoutTheValues() {
        RequestLog plan = new RequestLog();
        String token = jwt(lifetime(Duration.ZERO, Duration.ofMinutes(15)));
        HttpProbe probe = HttpProbe.forRun(List.of(server.base()), Duration.ofSeconds(1), null, Map.of("Authorization", "Bearer " + token),
                Duration.ofSeconds(1), plan, what -> { });

        check("Test authentication", Map.of("path", "/api/me"), probe);

        String url = server.base() + "/api/me";
        assertThat(plan.lines()).containsExactly(
                "GET " + url + " with the --header values",
                "GET " + url + " with no credential (without the --header values)",
                "GET " + url + " with an invalid Authorization value",
                "GET " + url + " with the JWT with its signature altered",
                "GET " + url + " with the JWT re-declared as alg none");
        assertThat(String.join("\n", plan.lines())).doesNotContain(token.substring(0, 20));
    }
}
