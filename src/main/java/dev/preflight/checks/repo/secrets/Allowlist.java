package dev.preflight.checks.repo.secrets;

import java.util.List;
import java.util.Locale;

import com.google.re2j.Pattern;

/**
 * What gitleaks' {@code [allowlist]} tables say is not a secret. With {@code condition = "OR"}
 * (gitleaks' default) a finding is allowed when any part the table gives matches; with {@code "AND"}
 * only when every part it gives does. {@code regexes} are matched against the secret, the whole match
 * or the line, as {@code regexTarget} says; a stopword anywhere in the secret (case-insensitive)
 * matches. Commits never match: the scan reads the work tree, not history, so an AND table that lists
 * commits allows nothing.
 */
public record Allowlist(String description, Condition condition, List<Pattern> paths, List<Pattern> regexes, String regexTarget,
        List<String> stopwords, List<String> commits) {

    public enum Condition {
        OR, AND
    }

    public Allowlist {
        paths = List.copyOf(paths);
        regexes = List.copyOf(regexes);
        stopwords = stopwords.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        commits = List.copyOf(commits);
    }

    /** Whether the path alone allows every finding in the file, so that it need not be read at all. */
    public boolean allowsPath(String path) {
        boolean pathIsAll = regexes.isEmpty() && stopwords.isEmpty() && commits.isEmpty();
        return (condition == Condition.OR || pathIsAll) && matchesPath(path);
    }

    public boolean allows(String path, String secret, String match, String line) {
        boolean pathMatches = !paths.isEmpty() && matchesPath(path);
        boolean regexMatches = !regexes.isEmpty() && matchesRegex(secret, match, line);
        boolean stopwordMatches = !stopwords.isEmpty() && containsStopword(secret);
        if (condition == Condition.OR) {
            return pathMatches || regexMatches || stopwordMatches;
        }
        boolean givesSomething = !(paths.isEmpty() && regexes.isEmpty() && stopwords.isEmpty());
        return givesSomething && commits.isEmpty() && (paths.isEmpty() || pathMatches) && (regexes.isEmpty() || regexMatches)
                && (stopwords.isEmpty() || stopwordMatches);
    }

    private boolean matchesPath(String path) {
        return paths.stream().anyMatch(p -> p.matcher(path).find());
    }

    private boolean matchesRegex(String secret, String match, String line) {
        String target = switch (regexTarget) {
            case "match" -> match;
            case "line" -> line;
            default -> secret;
        };
        return regexes.stream().anyMatch(r -> r.matcher(target).find());
    }

    private boolean containsStopword(String secret) {
        String lower = secret.toLowerCase(Locale.ROOT);
        return stopwords.stream().anyMatch(lower::contains);
    }
}
