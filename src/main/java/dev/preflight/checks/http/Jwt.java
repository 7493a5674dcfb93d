package dev.preflight.checks.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A JSON Web Token given with {@code --header}, read without checking its signature: Preflight holds
 * no key, and only needs the algorithm and the times. {@code exp} and {@code iat} are seconds since
 * the epoch, null when the token has no such claim.
 */
record Jwt(String encodedHeader, String encodedPayload, String signature, String alg, Long exp, Long iat) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** The token, when {@code token} is three base64url parts whose first two are JSON objects. */
    static Optional<Jwt> parse(String token) {
        String[] parts = token.strip().split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (header == null || !header.isObject() || payload == null || !payload.isObject()) {
                return Optional.empty();
            }
            return Optional.of(new Jwt(parts[0], parts[1], parts[2], header.path("alg").asText(""),
                    seconds(payload.get("exp")), seconds(payload.get("iat"))));
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    /** The same header and claims under a signature that cannot be right: a server that checks signatures refuses it. */
    String withAlteredSignature() {
        String altered = "A".repeat(Math.max(signature.length(), 43));
        return encodedHeader + "." + encodedPayload + "." + (altered.equals(signature) ? "B".repeat(altered.length()) : altered);
    }

    /** The same claims declared unsigned ({@code "alg":"none"}), which no server should accept. */
    String unsigned() {
        String header = BASE64URL.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + encodedPayload + ".";
    }

    private static Long seconds(JsonNode claim) {
        return claim != null && claim.isNumber() ? claim.asLong() : null;
    }
}
