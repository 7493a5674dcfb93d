package dev.preflight.checks.repo.secrets;

/** Cheap necessary conditions on a line, tested before a slower regex runs on it. */
final class LineShapes {
    private LineShapes() {
    }

    /** A quote, at least {@code min} characters that are neither space nor quote, and a closing quote. */
    static boolean hasQuotedToken(String line, int min) {
        int run = -1;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (isQuote(c)) {
                if (run >= min) {
                    return true;
                }
                run = 0;
            } else if (run >= 0) {
                run = Character.isWhitespace(c) ? -1 : run + 1;
            }
        }
        return false;
    }

    /** An assignment ('=' or ':') and, at the end of the line, a token of at least {@code min} non-space characters. */
    static boolean endsWithToken(String line, int min) {
        int end = line.length();
        while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) {
            end--;
        }
        int start = end;
        while (start > 0 && !Character.isWhitespace(line.charAt(start - 1)) && line.charAt(start - 1) != '='
                && line.charAt(start - 1) != ':') {
            start--;
        }
        return end - start >= min && (line.indexOf('=') >= 0 || line.indexOf(':') >= 0);
    }

    /** Whether any of {@code literals} occurs, case-sensitively: the prefixes of case-sensitive formats. */
    static boolean containsAny(String line, String... literals) {
        for (String literal : literals) {
            if (line.contains(literal)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code prefix} occurs followed by a hexadecimal digit ("SK" of a Twilio key, not of "TASK_"). */
    static boolean hasHexAfter(String line, String prefix) {
        for (int at = line.indexOf(prefix); at >= 0; at = line.indexOf(prefix, at + 1)) {
            int next = at + prefix.length();
            if (next < line.length() && Character.digit(line.charAt(next), 16) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'' || c == '`';
    }
}
