package dev.preflight.checks.http;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an error answer must not carry: a framework's debug page or a stack trace. One signature per
 * framework page, then the stack frames of each runtime for pages no signature names (a custom
 * handler that prints the exception). Signatures are tried in this order, so a Werkzeug debugger
 * page is named as one rather than as the Python traceback it contains.
 */
final class ErrorLeaks {
    private static final int EXCERPT_CHARS = 100;

    /** A match: what leaked, and the words that show it (markup removed, never the page's secrets around them). */
    record Leak(String what, String excerpt) {
        String describe() {
            return what + ": \"" + excerpt + "\"";
        }
    }

    record Signature(String what, Pattern pattern) {
        Signature(String what, String regex) {
            this(what, Pattern.compile(regex));
        }
    }

    static final List<Signature> SIGNATURES = List.of(
            new Signature("Werkzeug debugger page", "// Werkzeug Debugger</title>|<div class=\"debugger\">|[?&]__debugger__=yes"),
            new Signature("Django DEBUG page", "seeing this error because you have\\s+(?:<code>)?DEBUG = True"),
            new Signature("Starlette debug traceback", "<title>Starlette Debugger</title>|class=\"traceback-container\""),
            new Signature("Spring Whitelabel error page with a stack trace",
                    "(?s)Whitelabel Error Page.{0,4000}?at (?:[\\w$.@-]*/){0,2}[\\w$]+(?:\\.[\\w$<>]+)+\\([\\w$]+\\.(?:java|kt):\\d+\\)"),
            new Signature("ASP.NET error page", "Server Error in '[^'\\n]{0,200}' Application|An unhandled exception occurred while processing the request"),
            new Signature("PHP error with file and line",
                    "<b>(?:Fatal error|Parse error|Warning|Notice|Deprecated)</b>:[^\\n]{0,500}? on line <b>\\d+</b>"
                    + "|PHP (?:Fatal error|Parse error|Warning|Notice):[^\\n]{0,500}? on line \\d+|Stack trace:(?:<br />|\\s)*#0 "),
            new Signature("Python traceback", "Traceback\\s*(?:<[^>]{1,40}>)?\\s*\\(most recent call last\\)|File \"[^\"\\n]{1,300}\\.py\", line \\d+, in "),
            new Signature("Java stack trace",
                    "at (?:[\\w$.@-]*/){0,2}[\\w$]+(?:\\.[\\w$<>]+)+\\((?:[\\w$]+\\.(?:java|kt|scala|groovy):\\d+|Native Method)\\)"),
            new Signature("Node.js stack trace",
                    "\\bat (?:new |async )?[\\w$.<>]+(?: \\[as [\\w$]+\\])? \\((?:/|node:|file:|[A-Za-z]:\\\\)[^()\\s]{0,300}:\\d+:\\d+\\)"
                    + "|\\bat (?:/|node:|file:)[^\\s()<>]{1,300}:\\d+:\\d+"),
            new Signature(".NET stack trace", "at [\\w.`<>+\\[\\],]+\\([^)\\n]{0,300}\\) in [^\\n<]{1,300}:line \\d+"));

    private static final Pattern TAG = Pattern.compile("<[^>]{0,200}>");
    private static final Pattern SPACE = Pattern.compile("(?:&nbsp;?|\\s)+");

    private ErrorLeaks() {
    }

    /** The first signature, in the order above, that {@code body} carries. */
    static Optional<Leak> find(String body) {
        for (Signature s : SIGNATURES) {
            Matcher m = s.pattern().matcher(body);
            if (m.find()) {
                return Optional.of(new Leak(s.what(), excerpt(m.group())));
            }
        }
        return Optional.empty();
    }

    private static String excerpt(String matched) {
        String text = SPACE.matcher(TAG.matcher(matched).replaceAll(" ")).replaceAll(" ").strip();
        return text.length() <= EXCERPT_CHARS ? text : text.substring(0, EXCERPT_CHARS - 1) + "…";
    }
}
