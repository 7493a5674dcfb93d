package dev.preflight.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules of one .gitignore file, enough to ask "would git ignore this path?" without git: comments,
 * negation, anchoring, directory-only rules, {@code *}, {@code ?}, {@code **}, character classes, and
 * git's rule that nothing inside an ignored directory can be re-included.
 */
public final class GitIgnore {

    /** One rule with its file and 1-based line, so a finding can point at it. */
    public record Rule(String file, int line, String text, Pattern pattern, boolean negated, boolean directoryOnly) {

        boolean matches(String path, boolean isDirectory) {
            return (isDirectory || !directoryOnly) && pattern.matcher(path).matches();
        }
    }

    private final List<Rule> rules;

    private GitIgnore(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static GitIgnore parse(String content) {
        return parse(".gitignore", content);
    }

    /** The rules of {@code content}; {@code file} names it in evidence, e.g. {@code api/.gitignore}. */
    public static GitIgnore parse(String file, String content) {
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
            // A slash at the start or in the middle ties the pattern to this file's directory.
            boolean anchored = p.indexOf('/') >= 0;
            if (p.startsWith("/")) {
                p = p.substring(1);
            }
            if (p.isEmpty()) {
                continue;
            }
            String regex = (anchored ? "^" : "^(?:.*/)?") + globToRegex(p) + "$";
            rules.add(new Rule(file, i + 1, lines[i].strip(), Pattern.compile(regex), negated, dirOnly));
        }
        return new GitIgnore(rules);
    }

    /**
     * The rule that makes git ignore the file {@code path} ('/'-separated, relative to this file's
     * directory), if any: a rule ignoring one of its parent directories, or else the last rule
     * matching the file itself, unless that rule is a negation.
     */
    public Optional<Rule> ignoring(String path) {
        String[] parts = path.split("/");
        for (int depth = 1; depth <= parts.length; depth++) {
            Optional<Rule> decided = decide(String.join("/", List.of(parts).subList(0, depth)), depth < parts.length);
            if (decided.isPresent() && !decided.get().negated()) {
                return decided;
            }
        }
        return Optional.empty();
    }

    /** The last rule matching {@code path}, negated or not: the one git's decision follows. */
    public Optional<Rule> decide(String path, boolean isDirectory) {
        Rule decided = null;
        for (Rule rule : rules) {
            if (rule.matches(path, isDirectory)) {
                decided = rule;
            }
        }
        return Optional.ofNullable(decided);
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
                    int end = glob.indexOf(']', i + 2);
                    if (end < 0) {
                        out.append("\\[");
                    } else {
                        String cls = glob.substring(i + 1, end).replace("\\", "\\\\").replace("[", "\\[");
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
