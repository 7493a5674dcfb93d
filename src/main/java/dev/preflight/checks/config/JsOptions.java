package dev.preflight.checks.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The top-level properties of a JavaScript object literal as written, e.g. the options passed to
 * {@code session({...})}: enough to read {@code secure: true} without running the code. Comments
 * are dropped; nested objects, arrays, calls and strings (backticks too) are kept whole as values.
 */
record JsOptions(Map<String, String> properties) {
    private static final Pattern PROPERTY = Pattern.compile("(?s)^\\s*(?:['\"]([^'\"]+)['\"]|([A-Za-z_$][\\w$]*))\\s*(?::\\s*(.*?))?\\s*$");

    JsOptions {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** The options of the first object literal in {@code text} (a call's arguments); empty when there is none. */
    static Optional<JsOptions> parse(String text) {
        String code = withoutComments(text);
        int open = code.indexOf('{');
        if (open < 0) {
            return Optional.empty();
        }
        int close = closing(code, open);
        if (close < 0) {
            return Optional.empty();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : split(code.substring(open + 1, close))) {
            Matcher m = PROPERTY.matcher(part);
            if (m.matches()) {
                String key = m.group(1) != null ? m.group(1) : m.group(2);
                out.put(key, m.group(3) != null ? m.group(3) : key);
            }
        }
        return Optional.of(new JsOptions(out));
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    /** A nested object literal under {@code key}; empty when absent or not written inline (a variable, a call). */
    Optional<JsOptions> object(String key) {
        return get(key).filter(v -> v.startsWith("{")).flatMap(JsOptions::parse);
    }

    private static List<String> split(String body) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = endOfString(body, i);
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(body.substring(start, i));
                start = i + 1;
            }
        }
        if (!body.substring(start).isBlank()) {
            parts.add(body.substring(start));
        }
        return parts;
    }

    private static int closing(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = endOfString(code, i);
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the quote that closes the string opened at {@code start}, or the end of the text. */
    private static int endOfString(String text, int start) {
        char quote = text.charAt(start);
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return text.length();
    }

    /** The code with {@code //} and {@code /* *}{@code /} comments replaced by spaces, strings left alone. */
    static String withoutComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = Math.min(endOfString(text, i), text.length() - 1);
                out.append(text, i, end + 1);
                i = end;
            } else if (text.startsWith("//", i)) {
                int nl = text.indexOf('\n', i);
                i = (nl < 0 ? text.length() : nl) - 1;
                out.append(' ');
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = (end < 0 ? text.length() : end + 2) - 1;
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
