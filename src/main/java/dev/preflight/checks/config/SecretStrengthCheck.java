package dev.preflight.checks.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.DeployEnvironment;
import dev.preflight.collect.PythonSettings;
import dev.preflight.collect.RepoSnapshot;
import dev.preflight.collect.Stack.Component;
import dev.preflight.text.Mask;
import dev.preflight.text.Weakness;

/**
 * Secret values written in the repository for a deployment (settings modules, {@code .env*} files,
 * compose {@code environment:}, Kubernetes {@code env:} and Secrets) are long enough, varied enough, not a
 * placeholder or a development key, not copied from the committed template, and not shared between
 * environments. Values taken from the environment pass and are followed to where they are set.
 */
@CheckInfo(id = "config.secret-strength", title = "Secrets are long enough and not defaults or placeholders", target = TargetKind.REPO,
        severity = Severity.CRITICAL,
        phrases = {"SECRET_KEY|JWT_SECRET|SESSION_SECRET|API_KEY_SALT|APP_SECRET", "strong (\\w+ )?(secrets?|passwords?|keys?)\\b",
                "\\b(generate|change)\\w* (a )?(new |the )?(default )?(\\w+ )?(secret|key)s?\\b", "default (secret|password|credential)s?",
                "\\bmin(imum)? \\d+ char", "\\d+\\+ char"},
        params = {"minLength", "setting"},
        related = {"django:security.W009", "gitleaks", "trivy:secret"})
public final class SecretStrengthCheck implements Check {
    static final int DEFAULT_MIN_LENGTH = 32;
    static final int PASSWORD_MIN_LENGTH = 16;
    static final int DJANGO_SECRET_KEY_MIN_LENGTH = 50;

    private static final Pattern SECRET_NAME = Pattern.compile("(?i)(^|_)(SECRET|KEY|PASSWORD|PASSWD|PASS|PWD|SALT|TOKEN|PEPPER)$");
    private static final Pattern NOT_SECRET = Pattern.compile("(?i)(PUBLIC|PUBLISHABLE|_ID$|_FILE$|_PATH$|_URL$|_NAME$|CACHE_KEY|PREFIX)");
    private static final Pattern PASSWORD_NAME = Pattern.compile("(?i)(PASSWORD|PASSWD|PASS|PWD)$");
    /** A literal secret value found at one place. */
    record Candidate(String key, String value, String file, int line, String note) {
    }

    @Override
    public Outcome run(CheckContext context) {
        return PythonConfig.withDeployEnvironment(context, this::evaluate);
    }

    private Outcome evaluate(CheckContext context, DeployEnvironment env) {
        RepoSnapshot repo = context.repo();
        Optional<String> only = context.params().text(Param.SETTING);
        Optional<Integer> minLength = context.params().count(Param.MIN_LENGTH);
        String words = context.itemText() == null ? "" : context.itemText().toLowerCase(Locale.ROOT);
        boolean mixedCase = words.contains("mixed case") || words.contains("upper");
        boolean symbols = words.contains("symbol") || words.contains("special char");
        boolean django = repo.stack().has(Component.DJANGO);

        List<Candidate> candidates = new ArrayList<>();
        List<Evidence> notes = new ArrayList<>();
        Map<String, String> templates = new HashMap<>();
        Set<String> djangoKeys = new HashSet<>(Set.of("SECRET_KEY"));
        Set<String> followed = new HashSet<>();
        for (PythonSettings.Assignment a : PythonConfig.assignments(repo)) {
            if (!isSecretName(a.name(), only)) {
                continue;
            }
            switch (a.value()) {
                case PythonSettings.Str s -> candidates.add(new Candidate(a.name(), s.text(), a.file(), a.line(), ""));
                case PythonSettings.FromEnv e -> {
                    followed.add(e.variable());
                    if (django && a.name().equals("SECRET_KEY")) {
                        djangoKeys.add(e.variable());
                    }
                    notes.add(new Evidence.FileLine(a.file(), a.line(), a.name() + " from the environment (" + e.variable() + ")"
                            + setWhere(env, e.variable())));
                    e.fallback().filter(PythonSettings.Str.class::isInstance).map(v -> ((PythonSettings.Str) v).text())
                            .ifPresent(v -> candidates.add(new Candidate(a.name(), v, a.file(), a.line(), "default when " + e.variable() + " is unset")));
                }
                default -> {
                }
            }
        }
        for (DeployEnvironment.Setting s : env.settings()) {
            if (!isSecretName(variable(s.key()), only) && !followed.contains(s.key())) {
                continue;
            }
            if (DeployEnvironment.isTemplate(s.file())) {
                templates.putIfAbsent(s.key(), s.value());
            } else if (s.reference()) {
                notes.add(new Evidence.FileLine(s.file(), s.line(), s.key() + " from " + s.value()));
            } else if (!DeployEnvironment.isDevelopment(s.file())) {
                candidates.add(new Candidate(s.key(), s.value(), s.file(), s.line(), ""));
            }
        }
        if (candidates.isEmpty() && notes.isEmpty()) {
            return Outcome.notApplicable("no " + only.orElse("secret") + " value in settings modules, .env files, compose or Kubernetes "
                    + "manifests (stack: " + repo.stack().describe() + ")");
        }
        List<Evidence> problems = new ArrayList<>();
        for (Candidate c : candidates) {
            int min = minLength.orElse(django && djangoKeys.contains(c.key()) ? DJANGO_SECRET_KEY_MIN_LENGTH
                    : PASSWORD_NAME.matcher(c.key()).find() ? PASSWORD_MIN_LENGTH : DEFAULT_MIN_LENGTH);
            weakness(c, min, mixedCase, symbols, templates.get(c.key())).ifPresent(w -> problems.add(finding(c, w)));
        }
        problems.addAll(shared(candidates));
        if (!problems.isEmpty()) {
            return Outcome.fail(problems.size() == 1 ? problems.getFirst().describe() : problems.size() + " weak or reused secrets",
                    "Generate each secret per environment (python -c 'import secrets; print(secrets.token_urlsafe(50))'), keep it out "
                            + "of the repository (read it from the environment or a secret store), and rotate any value that was committed.",
                    problems);
        }
        notes.addAll(0, candidates.stream().map(c -> (Evidence) new Evidence.FileLine(c.file(), c.line(),
                c.key() + "=" + Mask.secret(c.value()) + " (" + c.value().length() + " characters)")).toList());
        int fromEnvironment = notes.size() - candidates.size();
        return Outcome.pass(candidates.isEmpty() ? "every secret is read from the environment (" + fromEnvironment + ") and none is set in the repository"
                : candidates.size() + " secret value(s) strong, " + fromEnvironment + " read from the environment", notes);
    }

    static boolean isSecretName(String name, Optional<String> only) {
        if (only.isPresent()) {
            return name.equalsIgnoreCase(only.get());
        }
        return SECRET_NAME.matcher(name).find() && !NOT_SECRET.matcher(name).find() && name.equals(name.toUpperCase(Locale.ROOT));
    }

    /** A deploy file's key as the variable it names: Kubernetes Secrets often write {@code db-password} for DB_PASSWORD. */
    private static String variable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    /** What is wrong with one value, if anything. */
    static Optional<String> weakness(Candidate c, int min, boolean mixedCase, boolean symbols, String template) {
        if (c.value().startsWith("django-insecure-")) {
            return Optional.of("Django's generated development key (django-insecure-)");
        }
        return Weakness.of(c.value(), min, mixedCase, symbols, template);
    }

    /** The same key with the same value in files for different environments. */
    private static List<Evidence> shared(List<Candidate> candidates) {
        Map<String, List<Candidate>> byValue = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            if (!c.value().isBlank() && c.note().isEmpty()) {
                byValue.computeIfAbsent(c.key() + "\0" + c.value(), k -> new ArrayList<>()).add(c);
            }
        }
        List<Evidence> out = new ArrayList<>();
        for (List<Candidate> same : byValue.values()) {
            if (same.stream().map(c -> DeployEnvironment.environmentOf(c.file())).distinct().count() > 1) {
                Candidate first = same.getFirst();
                String others = String.join(", ", same.subList(1, same.size()).stream().map(c -> c.file() + ":" + c.line()).toList());
                out.add(finding(first, "the same value as " + others));
            }
        }
        return out;
    }

    private static Evidence finding(Candidate c, String weakness) {
        return new Evidence.FileLine(c.file(), c.line(), c.key() + "=" + Mask.secret(c.value()) + " ("
                + (c.note().isEmpty() ? "" : c.note() + ": ") + weakness + ")");
    }

    private static String setWhere(DeployEnvironment env, String variable) {
        List<String> where = env.of(variable).stream().filter(s -> !DeployEnvironment.isTemplate(s.file())).map(DeployEnvironment.Setting::where).toList();
        return where.isEmpty() ? ", set outside the repository" : ", set in " + String.join(", ", where);
    }
}
