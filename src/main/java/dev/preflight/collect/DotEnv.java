package dev.preflight.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code .env} file as docker compose, python-dotenv and dotenv (Node) read it: {@code KEY=VALUE}
 * lines, an optional {@code export} in front, {@code #} comments, single quotes taken literally,
 * double quotes with backslash escapes (and spanning lines), and an unquoted value ending at
 * {@code " #"}. A line that is none of these is a problem with its line and column; the rest of
 * the file is still read.
 */
public record DotEnv(String path, List<Entry> entries, List<String> problems) {

    /** One variable, with its 1-based line. */
    public record Entry(String key, String value, int line) {
    }

    private static final Pattern LINE = Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.]*)\\s*=\\s*(.*)$");

    public DotEnv {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }

    public Optional<Entry> get(String key) {
        Entry found = null;
        for (Entry e : entries) {
            if (e.key().equals(key)) {
                found = e;
            }
        }
        return Optional.ofNullable(found);
    }

    public static DotEnv parse(String path, String text) {
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                int col = line.length() - line.stripLeading().length() + 1;
                problems.add("cannot parse at " + (i + 1) + ":" + col + ": expected KEY=VALUE");
                continue;
            }
            String raw = m.group(2);
            int first = i;
            String value;
            if (raw.startsWith("'")) {
                int close = raw.indexOf('\'', 1);
                if (close < 0) {
                    problems.add("cannot parse at " + (i + 1) + ":" + (m.start(2) + 1) + ": unterminated single quote");
                    continue;
                }
                value = raw.substring(1, close);
            } else if (raw.startsWith("\"")) {
                StringBuilder joined = new StringBuilder(raw);
                while (closingQuote(joined) < 0 && i + 1 < lines.length) {
                    joined.append('\n').append(lines[++i]);
                }
                int close = closingQuote(joined);
                if (close < 0) {
                    problems.add("cannot parse at " + (first + 1) + ":" + (m.start(2) + 1) + ": unterminated double quote");
                    continue;
                }
                value = unescape(joined.substring(1, close));
            } else {
                int comment = raw.indexOf(" #");
                value = (comment >= 0 ? raw.substring(0, comment) : raw).strip();
            }
            entries.add(new Entry(m.group(1), value, first + 1));
        }
        return new DotEnv(path, entries, problems);
    }

    private static int closingQuote(CharSequence s) {
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(++i);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
