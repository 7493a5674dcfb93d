package dev.preflight.checks.repo.secrets;

import java.util.List;
import java.util.Locale;

import com.google.re2j.Pattern;

/**
 * What gitleaks' {@code [allowlist]} tables say is not a secret: a finding is allowed when any one
 * of them matches (gitleaks' default condition, OR). {@code regexes} are matched against the
 * secret, the whole match or the line, as {@code regexTarget} says; a stopword anywhere in the
 * secret (case-insensitive) allows it. Commits are kept for the record only: the scan reads the work
 * tree, not history.
 */
public record Allowlist(String description, List<Pattern> paths, List<Pattern> regexes, String regexTarget,
        List<String> stopwords, List<String> commits) {

    public static final Allowlist NONE = new Allowlist("", List.of(), List.of(), "secret", List.of(), List.of());

    public Allowlist {
        paths = List.copyOf(paths);
        regexes = List.copyOf(regexes);
        stopwords = stopwords.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        commits = List.copyOf(commits);
    }

    public boolean allowsPath(String path) {
        return paths.stream().anyMatch(p -> p.matcher(path).find());
    }

    public boolean allows(String secret, String match, String line) {
        String target = switch (regexTarget) {
            case "match" -> match;
            case "line" -> line;
            default -> secret;
        };
        if (regexes.stream().anyMatch(r -> r.matcher(target).find())) {
            return true;
        }
        String lower = secret.toLowerCase(Locale.ROOT);
        return stopwords.stream().anyMatch(lower::contains);
    }
}
