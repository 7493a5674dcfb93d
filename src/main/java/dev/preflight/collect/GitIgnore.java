package dev.preflight.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules of one .gitignore file, enough to ask "would git ignore this path?" without git: comments,
 * negation, anchoring, directory-only rules, {@code *}, {@code ?}, {@code **} and character classes.
 */
public final class GitIgnore {

    /** One rule with its 1-based line, so a finding can point at it. */
    public record Rule(int line, String text, Pattern pattern, boolean negated, boolean directoryOnly) {
    }

    private final List<Rule> rules;

    private GitIgnore(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static GitIgnore parse(String content) {
        List<Rule> rules = new ArrayList<>();
        String[] lines = content.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceAll("(?<!\\\\)\\s+$", "");
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean negated = line.startsWith("!");
            String p = negated ? line.substring(1) : line;
            boolean dirOnly = p.endsWith("/");
            if (dirOnly) {
                p = p.substring(0, p.length() - 1);
            }
            boolean anchored = p.startsWith("/") || p.indexOf('/') >= 0;
            if (p.startsWith("/")) {
                p = p.substring(1);
            }
            String regex = (anchored ? "^" : "^(?:.*/)?") + globToRegex(p) + (dirOnly ? "/.*$" : "(?:/.*)?$");
            rules.add(new Rule(i + 1, lines[i].strip(), Pattern.compile(regex), negated, dirOnly));
        }
        return new GitIgnore(rules);
    }

    /** The last rule that decides {@code path} ('/'-separated, relative to the .gitignore), if it is ignored. */
    public Optional<Rule> ignoring(String path) {
        Rule decided = null;
        for (Rule rule : rules) {
            if (rule.pattern().matcher(path).matches()) {
                decided = rule;
            }
        }
        return decided == null || decided.negated() ? Optional.empty() : Optional.of(decided);
    }

    private static String globToRegex(String glob) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        boolean slashAfter = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                        out.append(slashAfter ? "(?:.*/)?" : ".*");
                        i += slashAfter ? 2 : 1;
                    } else {
                        out.append("[^/]*");
                    }
                }
                case '?' -> out.append("[^/]");
                case '[' -> {
                    int end = glob.indexOf(']', i + 1);
                    if (end < 0) {
                        out.append("\\[");
                    } else {
                        String cls = glob.substring(i + 1, end).replace("\\", "\\\\");
                        out.append('[').append(cls.startsWith("!") ? "^" + cls.substring(1) : cls).append(']');
                        i = end;
                    }
                }
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        out.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    }
                }
                default -> out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return out.toString();
    }
}
