package dev.preflight.text;

/**
 * How a secret appears in any output: its first characters at most (4, fewer for short values),
 * then an ellipsis, so a reader can recognise which secret is meant without learning it.
 */
public final class Mask {
    private Mask() {
    }

    public static String secret(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return value.substring(0, Math.min(4, value.length() / 4)) + "…";
    }

    /** {@code line} with every occurrence of {@code secret} masked. */
    public static String in(String line, String secret) {
        return secret == null || secret.isEmpty() ? line : line.replace(secret, secret(secret));
    }
}
