package dev.preflight.checks.repo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.preflight.collect.CannotParse;
import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.checks.repo.secrets.Baseline;
import dev.preflight.checks.repo.secrets.Finding;
import dev.preflight.checks.repo.secrets.GitleaksConfig;
import dev.preflight.checks.repo.secrets.Scanner;
import dev.preflight.collect.RepoSnapshot;
import dev.preflight.text.Mask;

/**
 * No file of the repository holds a credential: cloud keys, VCS and CI tokens, chat webhooks,
 * payment keys, private keys, JWTs, database URLs with passwords, and secret-named variables
 * assigned random-looking literals. Reads a project's {@code .gitleaks.toml} and honours inline
 * allow comments and a baseline of accepted secrets.
 */
@CheckInfo(id = "repo.secrets", title = "No credentials committed to the repository", target = TargetKind.REPO,
        severity = Severity.CRITICAL,
        phrases = {"secrets? (are )?not in (the )?(code|repo|repository|source)", "no (hard-?coded )?(secrets|credentials|passwords) in",
                "hard-?coded (secrets?|credentials?|passwords?|keys?)", "secret scan", "gitleaks"},
        related = {"gitleaks", "trufflehog", "trivy:secret"})
public final class SecretsCheck implements Check {
    static final int MAX_FINDINGS_SHOWN = 50;
    private static final int EXAMPLES = 3;
    private static final int EXCERPT_CHARS = 160;
    private static final String CONFIG = GitleaksConfig.FILE;

    @Override
    public Outcome run(CheckContext context) {
        RepoSnapshot repo = context.repo();
        if (repo.files().isEmpty()) {
            return Outcome.notApplicable("the repository has no files");
        }
        List<Evidence> notes = new ArrayList<>();
        GitleaksConfig config = config(repo, notes);
        boolean configBroken = config == null;
        if (configBroken) {
            config = GitleaksConfig.DEFAULT;
        }
        Baseline baseline = baseline(repo, notes);

        Scanner.Scan scan = Scanner.scan(repo, config.ruleSet());
        List<Finding> findings = scan.findings().stream().filter(f -> !baseline.contains(f))
                .sorted(Comparator.comparing(Finding::path).thenComparingInt(Finding::line)).toList();
        int baselined = scan.findings().size() - findings.size();

        scan.skipped().forEach((why, paths) -> notes.add(new Evidence.Note("skipped " + count(paths.size(), "file") + " ("
                + why.reason() + "): " + examples(paths))));
        if (scan.inlineAllowed() > 0 || baselined > 0) {
            notes.add(new Evidence.Note("suppressed: " + scan.inlineAllowed() + " by an inline allow comment, "
                    + baselined + " by " + Baseline.FILE));
        }
        if (scan.filesScanned() == 0 && scan.skipped().containsKey(Scanner.Skip.UNREADABLE)) {
            return Outcome.error("no file could be read", notes.toArray(Evidence[]::new));
        }
        String scanned = count(scan.filesScanned(), "file") + " scanned with " + count(config.rules().size(), "rule");
        if (findings.isEmpty()) {
            if (configBroken) {
                return Outcome.warn("no secrets found in " + scanned + ", but " + CONFIG + " could not be read: its rules and "
                        + "allowlists were not applied", "Fix " + CONFIG + " (see the evidence for where it stops parsing).", notes);
            }
            return Outcome.pass("no secrets found in " + scanned, notes);
        }
        List<Evidence> evidence = new ArrayList<>();
        Map<String, List<Finding>> byLine = findings.stream().collect(Collectors.groupingBy(f -> f.path() + ":" + f.line()));
        for (Finding f : findings.subList(0, Math.min(MAX_FINDINGS_SHOWN, findings.size()))) {
            evidence.add(new Evidence.FileLine(f.path(), f.line(), f.ruleId() + ": " + excerpt(f, byLine.get(f.path() + ":" + f.line()))));
        }
        if (findings.size() > MAX_FINDINGS_SHOWN) {
            evidence.add(new Evidence.Note("… and " + (findings.size() - MAX_FINDINGS_SHOWN) + " more"));
        }
        evidence.addAll(notes);
        long files = findings.stream().map(Finding::path).distinct().count();
        String summary = count(findings.size(), "secret") + " found in " + count((int) files, "file") + " (" + scanned + ")";
        String fix = "Remove each secret from the code and rotate it: it stays in git history and in every clone. Read it "
                + "from the environment or a secret manager instead. For a value that is not a secret, add 'gitleaks:allow' "
                + "in a comment on its line or an [allowlist] to " + CONFIG + "; to accept reviewed ones, 'preflight secrets baseline' "
                + "records them in " + Baseline.FILE + ".";
        return Outcome.fail(summary, fix, evidence);
    }

    /** The project's config, the default when there is none, or null when it cannot be parsed (noted). */
    private static GitleaksConfig config(RepoSnapshot repo, List<Evidence> notes) {
        try {
            GitleaksConfig config = GitleaksConfig.of(repo);
            config.problems().forEach(p -> notes.add(new Evidence.FileLine(CONFIG, 0, p)));
            if (!config.extendsDefaults()) {
                notes.add(new Evidence.FileLine(CONFIG, 0, "no [extend] useDefault = true: its " + count(config.rules().size(), "rule")
                        + " replace the built-in rules (gitleaks semantics)"));
            }
            return config;
        } catch (CannotParse e) {
            notes.add(new Evidence.FileLine(CONFIG, 0, e.describe()));
            return null;
        }
    }

    private static Baseline baseline(RepoSnapshot repo, List<Evidence> notes) {
        Optional<String> text = repo.read(Baseline.FILE);
        if (text.isEmpty()) {
            return Baseline.EMPTY;
        }
        try {
            return Baseline.parse(text.get());
        } catch (CannotParse e) {
            notes.add(new Evidence.FileLine(Baseline.FILE, 0, e.describe() + " (no finding was suppressed by it)"));
            return Baseline.EMPTY;
        }
    }

    /**
     * The line around the finding, cut to a readable length, with every occurrence of every secret
     * found on the line masked where it overlaps the cut. Only the cut is searched, so a minified line
     * holding thousands of secrets costs a search per secret over a few hundred characters, not over the line.
     */
    static String excerpt(Finding finding, List<Finding> sameLine) {
        String line = finding.lineText().strip();
        int at = Math.max(0, line.indexOf(finding.secret()));
        int from = Math.max(0, Math.min(at - EXCERPT_CHARS / 4, line.length() - EXCERPT_CHARS));
        int to = Math.min(line.length(), from + EXCERPT_CHARS);
        StringBuilder out = new StringBuilder(from > 0 ? "…" : "");
        int next = from;
        for (int[] span : secretSpans(line, sameLine, from, to)) {
            if (span[0] >= next) {
                out.append(line, next, span[0]).append(Mask.secret(line.substring(span[0], span[1])));
            }
            next = Math.max(next, span[1]);
        }
        if (next < to) {
            out.append(line, next, to);
        }
        return out.append(Math.max(next, to) < line.length() ? "…" : "").toString();
    }

    /** Where secrets of the line overlap [from, to), overlapping occurrences merged, in order. */
    private static List<int[]> secretSpans(String line, List<Finding> sameLine, int from, int to) {
        List<int[]> spans = new ArrayList<>();
        for (String secret : sameLine.stream().map(Finding::secret).collect(Collectors.toCollection(LinkedHashSet::new))) {
            int end = (int) Math.min(line.length(), (long) to + secret.length() - 1);
            for (int p = line.indexOf(secret, Math.max(0, from - secret.length() + 1), end); p >= 0;
                    p = line.indexOf(secret, p + 1, end)) {
                spans.add(new int[] {p, p + secret.length()});
            }
        }
        spans.sort(Comparator.comparingInt((int[] span) -> span[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] span : spans) {
            int[] last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && span[0] < last[1]) {
                last[1] = Math.max(last[1], span[1]);
            } else {
                merged.add(span);
            }
        }
        return merged;
    }

    private static String examples(List<String> paths) {
        String shown = String.join(", ", paths.subList(0, Math.min(EXAMPLES, paths.size())));
        return paths.size() > EXAMPLES ? shown + ", …" : shown;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
