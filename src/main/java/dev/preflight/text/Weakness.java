package dev.preflight.text;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What makes a secret or password weak, in one line: empty, a placeholder or a well-known default
 * ("changeme", "postgres"), the committed template's value, too short, too few distinct characters,
 * or missing the character classes the item asks for. Shared by config.secret-strength and
 * db.password-strength; the line never contains the value.
 */
public final class Weakness {
    private static final Set<String> PLACEHOLDERS = Set.of("changeme", "change-me", "change_me", "secret", "secretkey", "secret-key",
            "secret_key", "password", "passw0rd", "p@ssw0rd", "dev", "development", "test", "testing", "example", "default", "admin",
            "root", "postgres", "mysql", "12345678", "123456", "qwerty", "letmein", "key", "token", "none", "null", "xxx", "todo",
            "mariadb", "toor", "password1", "password123", "admin123", "pass", "master", "welcome");
    private static final Pattern PLACEHOLDER_WORDS = Pattern.compile(
            "(?i)(change.?me|change.?this|your[-_ ]|replace|example|placeholder|insecure|not.?secure|dummy|sample|<[^>]*>|x{4,}|\\*{4,}|todo)");

    private Weakness() {
    }

    /**
     * @param template  the committed template's value for the same key, or null
     * @param mixedCase the item asks for upper and lower case
     * @param symbols   the item asks for symbols
     */
    public static Optional<String> of(String value, int minLength, boolean mixedCase, boolean symbols, String template) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (value.isBlank()) {
            return Optional.of("empty");
        }
        if (PLACEHOLDERS.contains(lower) || PLACEHOLDER_WORDS.matcher(value).find()) {
            return Optional.of("a placeholder");
        }
        if (template != null && !template.isBlank() && template.equals(value)) {
            return Optional.of("the value of the committed template");
        }
        if (value.length() < minLength) {
            return Optional.of(value.length() + " characters, fewer than " + minLength);
        }
        if (value.chars().distinct().count() < 5) {
            return Optional.of("fewer than 5 distinct characters");
        }
        if (mixedCase && (value.equals(lower) || value.equals(value.toUpperCase(Locale.ROOT)))) {
            return Optional.of("not mixed case");
        }
        if (symbols && value.chars().allMatch(Character::isLetterOrDigit)) {
            return Optional.of("no symbols");
        }
        return Optional.empty();
    }

    /** The value's shape without the value: its length and the classes of its characters. */
    public static String shape(String value) {
        StringBuilder classes = new StringBuilder();
        if (value.chars().anyMatch(Character::isLowerCase)) {
            classes.append("lower case, ");
        }
        if (value.chars().anyMatch(Character::isUpperCase)) {
            classes.append("upper case, ");
        }
        if (value.chars().anyMatch(Character::isDigit)) {
            classes.append("digits, ");
        }
        if (!value.chars().allMatch(Character::isLetterOrDigit)) {
            classes.append("symbols, ");
        }
        return value.length() + " characters" + (classes.isEmpty() ? "" : ": " + classes.substring(0, classes.length() - 2));
    }
}
