package dev.preflight.checks.repo.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A secret a rule found: where, which rule, the secret itself and the line it sits on. Both stay in
 * memory only: every output goes through {@link dev.preflight.text.Mask}.
 */
public record Finding(String path, int line, String ruleId, String secret, String lineText) {

    /** The baseline key: a hash of the value, so a known secret stays known when its line moves. */
    public String sha256() {
        return sha256(secret);
    }

    public static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
