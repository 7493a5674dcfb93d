package dev.preflight.checks.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.PythonSettings;
import dev.preflight.collect.PythonSettings.Assignment;
import dev.preflight.collect.PythonSettings.Value;
import dev.preflight.collect.RepoSnapshot;
import dev.preflight.text.Mask;

/**
 * The warnings Django's own {@code manage.py check --deploy} raises (security.W001 to W022, E023),
 * decided from the settings files as written with Django's defaults (3.2 and later) for what they
 * leave out. Values from the environment or expressions are not judged.
 */
@CheckInfo(id = "config.django-deploy", title = "Django deployment settings pass what 'manage.py check --deploy' checks",
        target = TargetKind.REPO,
        phrases = {"SECURE_[A-Z_]+", "SESSION_COOKIE_[A-Z_]+", "CSRF_COOKIE_[A-Z_]+", "X_FRAME_OPTIONS", "CSRF protection",
                "secure (session )?cookie settings", "manage\\.py check", "check --deploy"},
        params = {"setting"},
        related = {"django:check --deploy"})
public final class DjangoDeployCheck implements Check {
    private static final String SECURITY = "django.middleware.security.SecurityMiddleware";
    private static final String XFRAME = "django.middleware.clickjacking.XFrameOptionsMiddleware";
    private static final String CSRF = "django.middleware.csrf.CsrfViewMiddleware";
    private static final String SESSION_MW = "django.contrib.sessions.middleware.SessionMiddleware";
    private static final Set<String> REFERRER_POLICIES = Set.of("no-referrer", "no-referrer-when-downgrade", "origin",
            "origin-when-cross-origin", "same-origin", "strict-origin", "strict-origin-when-cross-origin", "unsafe-url");

    /** One of Django's deploy warnings, found in one settings module. */
    record Finding(String id, String setting, Evidence.FileLine where) {
    }

    @Override
    public Outcome run(CheckContext context) {
        RepoSnapshot repo = context.repo();
        List<PythonSettings> modules = PythonConfig.djangoSettings(repo);
        if (modules.isEmpty()) {
            return Outcome.notApplicable("no Django settings module in the repository (stack: " + repo.stack().describe() + ")");
        }
        Optional<String> only = context.params().text(Param.SETTING);
        List<Evidence> problems = new ArrayList<>();
        List<Evidence> notes = new ArrayList<>();
        for (PythonSettings s : modules) {
            for (Finding f : findings(s)) {
                if (only.isEmpty() || f.setting().equals(only.get())) {
                    problems.add(f.where());
                }
            }
            notes.add(new Evidence.Note(s.path() + ": " + s.assignments().size() + " settings read"));
        }
        if (problems.isEmpty()) {
            return Outcome.pass(only.map(o -> o + " passes Django's deploy checks").orElse("the settings pass Django's deploy checks")
                    + " (" + modules.size() + " settings module(s))", notes);
        }
        return Outcome.fail(problems.size() == 1 ? problems.getFirst().describe() : problems.size() + " Django deploy warnings",
                "Set the named settings in the production settings module (SECURE_SSL_REDIRECT = True, SESSION_COOKIE_SECURE = True, "
                        + "CSRF_COOKIE_SECURE = True, SECURE_HSTS_SECONDS = 31536000 with SECURE_HSTS_INCLUDE_SUBDOMAINS and "
                        + "SECURE_HSTS_PRELOAD, DEBUG = False, ALLOWED_HOSTS = ['your.domain'], SECRET_KEY from the environment), "
                        + "then run 'python manage.py check --deploy' with the production settings.",
                problems);
    }

    /** Every deploy warning Django would raise for these settings, in Django's order. */
    static List<Finding> findings(PythonSettings s) {
        List<Finding> out = new ArrayList<>();
        Optional<List<String>> middleware = list(s, "MIDDLEWARE");
        boolean security = has(middleware, SECURITY);
        boolean xframe = has(middleware, XFRAME);
        boolean csrf = has(middleware, CSRF);
        boolean sessionMiddleware = has(middleware, SESSION_MW);
        boolean sessionApp = has(list(s, "INSTALLED_APPS"), "django.contrib.sessions");
        if (!security) {
            out.add(missing(s, "security.W001", "MIDDLEWARE", "SecurityMiddleware is not in MIDDLEWARE"));
        }
        if (!xframe) {
            out.add(missing(s, "security.W002", "MIDDLEWARE", "XFrameOptionsMiddleware is not in MIDDLEWARE"));
        }
        if (!csrf) {
            out.add(missing(s, "security.W003", "MIDDLEWARE", "CsrfViewMiddleware is not in MIDDLEWARE"));
        }
        boolean hsts = security && isTrue(s, "SECURE_HSTS_SECONDS", false);
        if (security && !isTrue(s, "SECURE_HSTS_SECONDS", true)) {
            out.add(at(s, "security.W004", "SECURE_HSTS_SECONDS", "not set"));
        }
        if (hsts && !isLiteralTrue(s, "SECURE_HSTS_INCLUDE_SUBDOMAINS")) {
            out.add(at(s, "security.W005", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "not True"));
        }
        if (security && !isLiteralTrue(s, "SECURE_CONTENT_TYPE_NOSNIFF", true)) {
            out.add(at(s, "security.W006", "SECURE_CONTENT_TYPE_NOSNIFF", "not True"));
        }
        if (security && !isLiteralTrue(s, "SECURE_SSL_REDIRECT")) {
            out.add(at(s, "security.W008", "SECURE_SSL_REDIRECT", "not True"));
        }
        secretKey(s).ifPresent(out::add);
        if (!isTrue(s, "SESSION_COOKIE_SECURE", true) && (sessionApp || sessionMiddleware)) {
            String id = sessionApp && sessionMiddleware ? "security.W012" : sessionApp ? "security.W010" : "security.W011";
            out.add(at(s, id, "SESSION_COOKIE_SECURE", "not True"));
        }
        if (!isTrue(s, "SESSION_COOKIE_HTTPONLY", true, true) && (sessionApp || sessionMiddleware)) {
            String id = sessionApp && sessionMiddleware ? "security.W015" : sessionApp ? "security.W013" : "security.W014";
            out.add(at(s, id, "SESSION_COOKIE_HTTPONLY", "not True"));
        }
        if (csrf && !isTrue(s, "CSRF_USE_SESSIONS", true) && !isTrue(s, "CSRF_COOKIE_SECURE", true)) {
            out.add(at(s, "security.W016", "CSRF_COOKIE_SECURE", "not True"));
        }
        if (isTrue(s, "DEBUG", false)) {
            out.add(at(s, "security.W018", "DEBUG", "True in deployment"));
        }
        if (xframe && s.get("X_FRAME_OPTIONS").map(a -> !PythonConfig.isUnknown(a.value())
                && !(a.value() instanceof PythonSettings.Str str && str.text().equals("DENY"))).orElse(false)) {
            out.add(at(s, "security.W019", "X_FRAME_OPTIONS", "not 'DENY'"));
        }
        if (!isTrue(s, "ALLOWED_HOSTS", true)) {
            out.add(at(s, "security.W020", "ALLOWED_HOSTS", "empty"));
        }
        if (hsts && !isLiteralTrue(s, "SECURE_HSTS_PRELOAD")) {
            out.add(at(s, "security.W021", "SECURE_HSTS_PRELOAD", "not True"));
        }
        if (security) {
            referrerPolicy(s).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<Finding> secretKey(PythonSettings s) {
        Optional<Assignment> key = s.get("SECRET_KEY");
        if (key.isEmpty()) {
            return Optional.of(missing(s, "security.W009", "SECRET_KEY", "SECRET_KEY is not set"));
        }
        Value v = key.get().value();
        if (!(v instanceof PythonSettings.Str str)) {
            return Optional.empty();
        }
        String k = str.text();
        boolean weak = k.length() < 50 || k.chars().distinct().count() < 5 || k.startsWith("django-insecure-");
        return weak ? Optional.of(new Finding("security.W009", "SECRET_KEY", new Evidence.FileLine(key.get().file(), key.get().line(),
                "security.W009: SECRET_KEY = '" + Mask.secret(k) + "' (" + k.length() + " characters"
                        + (k.startsWith("django-insecure-") ? ", django-insecure- prefix" : "") + ")")))
                : Optional.empty();
    }

    private static Optional<Finding> referrerPolicy(PythonSettings s) {
        Optional<Assignment> a = s.get("SECURE_REFERRER_POLICY");
        if (a.isEmpty()) {
            return Optional.empty();
        }
        Value v = a.get().value();
        if (v instanceof PythonSettings.None) {
            return Optional.of(at(s, "security.W022", "SECURE_REFERRER_POLICY", "None"));
        }
        List<String> values = switch (v) {
            case PythonSettings.Str str -> List.of(str.text().split(",")).stream().map(String::strip).toList();
            case PythonSettings.StrList l -> l.items();
            default -> List.of();
        };
        return values.stream().allMatch(REFERRER_POLICIES::contains) ? Optional.empty()
                : Optional.of(at(s, "security.E023", "SECURE_REFERRER_POLICY", "not a valid Referrer-Policy"));
    }

    private static Optional<List<String>> list(PythonSettings s, String name) {
        return s.get(name).map(Assignment::value).filter(PythonSettings.StrList.class::isInstance)
                .map(v -> ((PythonSettings.StrList) v).items());
    }

    /** A list Preflight cannot read counts as holding the entry, so that no warning rests on a guess. */
    private static boolean has(Optional<List<String>> list, String entry) {
        return list.map(l -> l.contains(entry)).orElse(true);
    }

    /** Whether the setting is truthy; {@code unknownIs} for values from the environment, {@code Django's default} when absent. */
    private static boolean isTrue(PythonSettings s, String name, boolean unknownIs) {
        return isTrue(s, name, unknownIs, false);
    }

    private static boolean isTrue(PythonSettings s, String name, boolean unknownIs, boolean absentIs) {
        return s.get(name).map(a -> PythonConfig.isUnknown(a.value()) ? unknownIs : PythonConfig.isTrue(a.value())).orElse(absentIs);
    }

    /** Django compares these with {@code is True}: only the literal True passes. */
    private static boolean isLiteralTrue(PythonSettings s, String name) {
        return isLiteralTrue(s, name, false);
    }

    private static boolean isLiteralTrue(PythonSettings s, String name, boolean absentIs) {
        return s.get(name).map(a -> PythonConfig.isUnknown(a.value()) || a.value().equals(new PythonSettings.Bool(true))).orElse(absentIs);
    }

    private static Finding at(PythonSettings s, String id, String setting, String problem) {
        return s.get(setting)
                .map(a -> new Finding(id, setting, new Evidence.FileLine(a.file(), a.line(), id + ": " + setting + " = "
                        + a.value().describe() + " (" + problem + ")")))
                .orElseGet(() -> missing(s, id, setting, setting + " " + problem + " (Django's default)"));
    }

    private static Finding missing(PythonSettings s, String id, String setting, String text) {
        Optional<Assignment> a = s.get(setting);
        return new Finding(id, setting, new Evidence.FileLine(a.map(Assignment::file).orElse(s.path()), a.map(Assignment::line).orElse(0),
                id + ": " + text));
    }
}
