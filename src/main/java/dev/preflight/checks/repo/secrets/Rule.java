package dev.preflight.checks.repo.secrets;

import java.util.List;
import java.util.function.Predicate;

import com.google.re2j.Pattern;

/**
 * One secret format, in gitleaks' terms. {@code keywords} (lower case) decide on which lines the
 * regex runs at all; a rule without keywords runs on every line. {@code secretGroup} 0 means the
 * first group that matched (gitleaks' default), or the whole match when the regex has no group.
 *
 * @param entropy  the least Shannon entropy (bits per character) the secret must have; 0 for none
 * @param path     a regex the file's path must match, or null for every file
 * @param multiline the match may run past the keyword's line (a PEM block); matched within a window
 *                 that starts at that line
 * @param precondition a cheap test a line must pass before the regex runs on it (built-in rules only),
 *                 or null: keywords such as "key" select many lines that cannot match
 */
public record Rule(String id, String description, Pattern regex, int secretGroup, double entropy, List<String> keywords,
        Pattern path, List<Allowlist> allowlists, boolean multiline, Predicate<String> precondition) {

    public Rule {
        keywords = keywords.stream().map(k -> k.toLowerCase(java.util.Locale.ROOT)).distinct().toList();
        allowlists = List.copyOf(allowlists);
    }

    static Rule of(String id, String description, String regex, String... keywords) {
        return new Rule(id, description, Pattern.compile(regex), 0, 0, List.of(keywords), null, List.of(), false, null);
    }

    Rule withEntropy(double bits) {
        return new Rule(id, description, regex, secretGroup, bits, keywords, path, allowlists, multiline, precondition);
    }

    Rule withAllowlist(Allowlist allowlist) {
        List<Allowlist> more = new java.util.ArrayList<>(allowlists);
        more.add(allowlist);
        return new Rule(id, description, regex, secretGroup, entropy, keywords, path, more, multiline, precondition);
    }

    Rule spanningLines() {
        return new Rule(id, description, regex, secretGroup, entropy, keywords, path, allowlists, true, precondition);
    }

    Rule when(Predicate<String> test) {
        return new Rule(id, description, regex, secretGroup, entropy, keywords, path, allowlists, multiline, test);
    }
}
