package dev.preflight.checks.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.preflight.collect.DeployEnvironment;
import dev.preflight.collect.RepoSnapshot;
import dev.preflight.text.Lines;

/** Calls in Python and JavaScript sources, found by a pattern that matches where the call starts. */
final class Calls {
    private static final Pattern SOURCE = Pattern.compile("\\.(py|js|mjs|cjs|ts)$");
    private static final Pattern TEST = Pattern.compile("(^|/)(tests?|__tests__|spec)/|(^|/)test_[^/]*$|[._](test|spec)\\.\\w+$");

    /** One call: where it starts, the callee as written ({@code express.json}), and its arguments (across lines, comments kept). */
    record Call(String file, int line, String callee, String arguments) {
        String excerpt() {
            String oneLine = arguments.replaceAll("\\s+", " ").strip();
            return oneLine.length() > 160 ? oneLine.substring(0, 160) + "…" : oneLine;
        }
    }

    private Calls() {
    }

    /** Every call whose start {@code opening} matches (its first '(' from there opens the arguments), in the app's sources. */
    static List<Call> find(RepoSnapshot repo, Pattern opening) {
        List<Call> out = new ArrayList<>();
        for (String f : repo.files()) {
            if (!SOURCE.matcher(f).find() || TEST.matcher(f).find() || DeployEnvironment.isDevelopment(f)) {
                continue;
            }
            String text = repo.read(f).orElse("");
            Matcher m = opening.matcher(text);
            while (m.find()) {
                if (inComment(text, m.start(), f.endsWith(".py"))) {
                    continue;
                }
                int open = text.indexOf('(', m.start());
                if (open < 0) {
                    break;
                }
                int close = closing(text, open);
                if (close > open) {
                    out.add(new Call(f, Lines.lineAt(text, m.start()), text.substring(m.start(), open).strip(), text.substring(open + 1, close)));
                }
            }
        }
        return out;
    }

    /** Whether the line before {@code at} comments it out: {@code #} in Python, {@code //} or a block comment's {@code *} in JavaScript. */
    private static boolean inComment(String text, int at, boolean python) {
        String before = text.substring(text.lastIndexOf('\n', at - 1) + 1, at);
        String lead = before.stripLeading();
        return python ? before.contains("#") : before.contains("//") || lead.startsWith("*") || lead.startsWith("/*");
    }

    private static int closing(String text, int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
