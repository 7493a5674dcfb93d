package dev.preflight.checks.repo.secrets;

import java.util.Locale;
import java.util.Set;

import com.google.re2j.Pattern;

/** What a candidate secret value looks like: how random it is, and whether it is only a stand-in. */
final class Values {
    private static final Set<String> PLACEHOLDER_WORDS = Set.of("changeme", "change_me", "change-me", "changeit",
            "password", "passwd", "secret", "token", "example", "sample", "dummy", "placeholder", "redacted", "replaceme",
            "your", "xxxx", "todo", "fixme", "foobar", "notasecret", "insert", "mysecret", "mypassword");
    /** References and templates: ${VAR}, $VAR, {{ var }}, <your-key>, %(name)s, %s, os.environ… */
    private static final Pattern REFERENCE = Pattern.compile(
            "^\\$\\{[^}]*\\}$|^\\$[A-Za-z_][A-Za-z0-9_]*$|\\{\\{.*\\}\\}|^<[^>]*>$|%\\([^)]*\\)s|^%s$");

    private Values() {
    }

    /** Shannon entropy in bits per character. */
    static double entropy(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        java.util.Map<Character, Integer> counts = new java.util.HashMap<>();
        for (int i = 0; i < s.length(); i++) {
            counts.merge(s.charAt(i), 1, Integer::sum);
        }
        double bits = 0;
        for (int n : counts.values()) {
            double p = (double) n / s.length();
            bits -= p * (Math.log(p) / Math.log(2));
        }
        return bits;
    }

    /** A value a person put there to be replaced: "changeme", "xxx", "${DB_PASSWORD}", "<your-key>". */
    static boolean isPlaceholder(String value) {
        if (REFERENCE.matcher(value).find() || value.chars().distinct().count() <= 2) {
            return true;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        return PLACEHOLDER_WORDS.stream().anyMatch(lower::contains);
    }

    /** Words joined the way code names things: SunTls12KeyMaterial, sun.security.pkcs11.P11KeyGenerator, HMAC-SHA256. */
    private static final Pattern NAME_PART = Pattern.compile("^(?:[A-Z]?[a-z]{2,}|[A-Z]+|[0-9]{1,4}[a-z]?)+$");
    private static final Pattern NOT_A_TOKEN = Pattern.compile("://|^\\.?\\.?/|^[a-z]+:[^/]|[(),;]");

    /**
     * Whether a value assigned to a secret-named variable is something other than a secret: a name
     * built of words, a URL or path, or code that the regex caught between two string literals.
     */
    static boolean isNameOrCode(String value) {
        if (NOT_A_TOKEN.matcher(value).find()) {
            return true;
        }
        for (String part : value.split("[._/-]+")) {
            if (!part.isEmpty() && !NAME_PART.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }

    /** A random-looking token has letters and digits; a dotted name or a word does not. */
    static boolean mixesLettersAndDigits(String value) {
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            letter |= Character.isLetter(c);
            digit |= Character.isDigit(c);
        }
        return letter && digit;
    }
}
