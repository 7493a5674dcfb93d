package dev.preflight.checks.repo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.GitIgnore;
import dev.preflight.collect.RepoSnapshot;

/**
 * {@code .env}-style files are ignored by the root .gitignore and none is tracked by git: they hold
 * the deployment's secrets, and once committed they live in history for good. Templates
 * ({@code .env.example}, {@code .env.sample}, {@code .env.template}, {@code .env.dist}) are meant
 * to be committed and are left alone.
 */
@CheckInfo(id = "repo.env-ignored", title = ".env files are git-ignored and untracked", target = TargetKind.REPO,
        severity = Severity.CRITICAL,
        phrases = {"\\.env\\b.*gitignore", "gitignore.*\\.env\\b", "\\.gitignore\\b.*(sensitive|secret)",
                "secrets? not in (code|the repo)", "\\.env file\\b.*secret"},
        related = {"gitleaks:generic-api-key", "trivy:secret"})
public final class EnvIgnoredCheck implements Check {
    private static final Pattern ENV_FILE = Pattern.compile("(^|/)(\\.env(\\.[^/]+)?|[^/]+\\.env)$");
    private static final Pattern TEMPLATE = Pattern.compile("\\.(example|sample|template|dist|defaults?)$");

    @Override
    public Outcome run(CheckContext context) {
        RepoSnapshot repo = context.repo();
        List<String> envFiles = repo.files().stream().filter(EnvIgnoredCheck::isEnvFile).toList();
        String fix = "Add '.env' and '.env.*' (with '!.env.example') to .gitignore, then 'git rm --cached' any tracked env "
                + "file and rotate the secrets it held.";

        List<Evidence> problems = new ArrayList<>();
        Optional<GitIgnore.Rule> envRule = repo.ignoredBy(".env");
        if (envRule.isEmpty()) {
            problems.add(new Evidence.FileLine(".gitignore", 0, repo.read(".gitignore").isEmpty() ? "missing" : "no rule ignores .env"));
        }
        for (String f : envFiles) {
            if (repo.ignoredBy(f).isEmpty()) {
                problems.add(new Evidence.FileLine(f, 0, "not ignored by any .gitignore"));
            }
        }
        Optional<Set<String>> tracked = repo.trackedFiles();
        // The index, not the working tree: a tracked .env deleted from disk is still in every clone.
        tracked.ifPresent(t -> t.stream().filter(EnvIgnoredCheck::isEnvFile).sorted()
                .forEach(f -> problems.add(new Evidence.FileLine(f, 0, "tracked by git"))));
        if (!problems.isEmpty()) {
            return Outcome.fail(problems.size() == 1 ? problems.getFirst().describe()
                    : problems.size() + " problems with env files", fix, problems);
        }
        List<Evidence> evidence = new ArrayList<>();
        GitIgnore.Rule rule = envRule.orElseThrow();
        evidence.add(new Evidence.FileLine(rule.file(), rule.line(), rule.text()));
        if (tracked.isEmpty()) {
            evidence.add(new Evidence.Note("not a git work tree (or git is missing): tracked files were not checked"));
        }
        String summary = ".env is ignored (" + rule.file() + ":" + rule.line() + ")"
                + (tracked.isPresent() ? " and no env file is tracked" : "")
                + (envFiles.isEmpty() ? "" : "; " + envFiles.size() + " local env file(s) ignored");
        return Outcome.pass(summary, evidence);
    }

    static boolean isEnvFile(String path) {
        return ENV_FILE.matcher(path).find() && !TEMPLATE.matcher(path).find();
    }
}
