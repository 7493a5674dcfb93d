package dev.preflight.checklist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an item's trailing {@code <!-- preflight: ... -->} comment says.
 *
 * <p>Grammar: whitespace-separated words. {@code id=NAME} sets the item id; {@code manual} keeps the
 * item manual whatever its words; a check id (it contains a dot) binds that check, and the
 * {@code key=value} words after it are its parameters. {@code status=} and {@code since=} are
 * written by {@code --write} and are not read as bindings.
 */
public record Directive(String id, boolean manual, List<ExplicitBinding> bindings, Map<String, String> recorded) {

    public static final Directive NONE = new Directive(null, false, List.of(), Map.of());
    public static final Pattern COMMENT = Pattern.compile("<!--\\s*preflight:(.*?)-->");
    static final List<String> RECORDED_KEYS = List.of("status", "since");

    public Directive {
        bindings = List.copyOf(bindings);
        recorded = Map.copyOf(recorded);
    }

    /** A check named in the directive with its raw parameters. */
    public record ExplicitBinding(String checkId, Map<String, String> params) {
        public ExplicitBinding {
            params = Map.copyOf(params);
        }
    }

    public boolean isEmpty() {
        return id == null && !manual && bindings.isEmpty();
    }

    /** Parses the directive on one raw line; a line without one gives {@link #NONE}. */
    public static Directive parse(String line) throws DirectiveException {
        Matcher m = COMMENT.matcher(line);
        if (!m.find()) {
            return NONE;
        }
        String id = null;
        boolean manual = false;
        List<ExplicitBinding> bindings = new ArrayList<>();
        Map<String, String> recorded = new LinkedHashMap<>();
        String currentCheck = null;
        Map<String, String> currentParams = new LinkedHashMap<>();
        for (String word : m.group(1).trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            int eq = word.indexOf('=');
            if (eq < 0) {
                if (word.equals("manual")) {
                    manual = true;
                } else if (word.contains(".")) {
                    if (currentCheck != null) {
                        bindings.add(new ExplicitBinding(currentCheck, currentParams));
                    }
                    currentCheck = word;
                    currentParams = new LinkedHashMap<>();
                } else {
                    throw new DirectiveException("unknown word '" + word
                            + "' in preflight comment (expected a check id such as http.health, 'manual', or key=value)");
                }
                continue;
            }
            String key = word.substring(0, eq);
            String value = word.substring(eq + 1);
            if (key.isEmpty() || value.isEmpty()) {
                throw new DirectiveException("'" + word + "' in preflight comment needs both a key and a value");
            }
            if (key.equals("id")) {
                if (!value.matches("[A-Za-z0-9][A-Za-z0-9._/-]*")) {
                    throw new DirectiveException("id '" + value + "' may hold only letters, digits, '.', '_', '/' and '-'");
                }
                id = value;
            } else if (RECORDED_KEYS.contains(key)) {
                recorded.put(key, value);
            } else if (currentCheck == null) {
                throw new DirectiveException("parameter '" + word + "' comes before any check id in preflight comment");
            } else {
                currentParams.put(key, value);
            }
        }
        if (currentCheck != null) {
            bindings.add(new ExplicitBinding(currentCheck, currentParams));
        }
        return new Directive(id, manual, bindings, recorded);
    }

    /** A malformed directive; the parser adds the file and line. */
    public static final class DirectiveException extends Exception {
        public DirectiveException(String message) {
            super(message);
        }
    }
}
