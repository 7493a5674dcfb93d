package dev.preflight.checks.repo.secrets;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.preflight.collect.CannotParse;

/**
 * Secrets a team has reviewed and accepted (revoked test keys, fixtures), listed in
 * {@code .preflight-secrets-baseline.json} by the SHA-256 of the secret's value. Keyed by value, not
 * by line, so an entry survives edits that move it; the file never holds the secret itself.
 *
 * <pre>{"secrets": [{"sha256": "9f86d0…", "rule": "github-pat", "path": "tests/fixtures/token.txt", "note": "revoked"}]}</pre>
 */
public record Baseline(Set<String> hashes) {
    public static final String FILE = ".preflight-secrets-baseline.json";
    public static final Baseline EMPTY = new Baseline(Set.of());
    private static final ObjectMapper JSON = new ObjectMapper();

    public static Baseline parse(String json) throws CannotParse {
        try {
            JsonNode root = JSON.readTree(json);
            Set<String> hashes = new HashSet<>();
            if (root != null) {
                root.path("secrets").forEach(s -> {
                    String hash = s.path("sha256").asText("");
                    if (!hash.isEmpty()) {
                        hashes.add(hash.toLowerCase(Locale.ROOT));
                    }
                });
            }
            return new Baseline(Set.copyOf(hashes));
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new CannotParse(at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), e.getOriginalMessage());
        }
    }

    public boolean contains(Finding finding) {
        return hashes.contains(finding.sha256());
    }
}
