package dev.preflight.checks.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.DeployEnvironment;
import dev.preflight.collect.PythonSettings;
import dev.preflight.collect.RepoSnapshot;

/**
 * Cross-origin access is limited to named origins: django-cors-headers settings, FastAPI/Starlette
 * CORSMiddleware, Flask-CORS and Express's cors() with no wildcard, no "allow all" switch, no
 * regex that matches every origin, and no origin reflected back as Express's {@code origin: true} does.
 */
@CheckInfo(id = "config.cors", title = "CORS allows named origins only, never a wildcard with credentials", target = TargetKind.REPO,
        phrases = {"CORS_[A-Z_]+", "allow_origins", "\\bCORS (origins?|configuration|config|middleware|settings)\\b"},
        related = {"django-cors-headers:CORS_ALLOW_ALL_ORIGINS", "semgrep:wildcard-cors"})
public final class CorsCheck implements Check {
    private static final Set<String> ALLOW_ALL = Set.of("CORS_ALLOW_ALL_ORIGINS", "CORS_ORIGIN_ALLOW_ALL");
    private static final Set<String> ORIGIN_LISTS = Set.of("CORS_ALLOWED_ORIGINS", "CORS_ORIGIN_WHITELIST", "CORS_ALLOWED_ORIGIN_REGEXES",
            "CORS_ORIGINS", "ALLOWED_ORIGINS", "BACKEND_CORS_ORIGINS");
    private static final Pattern CATCH_ALL_REGEX = Pattern.compile("^\\^?(\\.\\*|\\.\\+|https?://\\.\\*)\\$?$");
    private static final Pattern STARLETTE = Pattern.compile("add_middleware\\(\\s*CORSMiddleware\\b");
    private static final Pattern FLASK_CORS = Pattern.compile("\\bCORS\\(");
    private static final Pattern EXPRESS_CORS = Pattern.compile("\\bcors\\(");
    private static final Pattern STAR_ARG = Pattern.compile("[\"']\\*[\"']");
    private static final Pattern REGEX_ALL = Pattern.compile("allow_origin_regex\\s*=\\s*r?[\"']\\^?\\.[*+]");
    private static final Pattern ORIGIN_TRUE = Pattern.compile("\\borigin\\s*:\\s*true\\b");
    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(?::\\d+)?");

    @Override
    public Outcome run(CheckContext context) {
        return PythonConfig.withDeployEnvironment(context, this::evaluate);
    }

    /**
     * One place in the repository that configures CORS: whether it lets any origin in, and the
     * origins it names (scheme, host and port as written), which the live {@code http.cors} check
     * compares with what the deployment answers.
     */
    public record Setting(Evidence.FileLine where, boolean anyOrigin, List<String> origins) {
    }

    private Outcome evaluate(CheckContext context, DeployEnvironment env) {
        RepoSnapshot repo = context.repo();
        List<Setting> settings = settings(repo, env);
        List<Evidence> problems = settings.stream().filter(Setting::anyOrigin).map(s -> (Evidence) s.where()).toList();
        List<Evidence> seen = settings.stream().filter(s -> !s.anyOrigin()).map(s -> (Evidence) s.where()).toList();
        if (settings.isEmpty()) {
            return Outcome.notApplicable("no CORS configuration in the repository: browsers keep cross-origin requests out by default (stack: "
                    + repo.stack().describe() + ")");
        }
        if (!problems.isEmpty()) {
            return Outcome.fail(problems.size() == 1 ? "CORS allows any origin: " + problems.getFirst().describe()
                            : problems.size() + " CORS settings allow any origin",
                    "List the frontend's origins explicitly (CORS_ALLOWED_ORIGINS = ['https://app.example.com'], "
                            + "allow_origins=['https://app.example.com'], cors({ origin: ['https://app.example.com'] })), "
                            + "read from the environment per deployment; never '*' together with credentials.", problems);
        }
        return Outcome.pass("CORS names its origins (" + seen.size() + " setting(s))", seen);
    }

    /** Every CORS setting of the repository, in the order the check reports them. */
    public static List<Setting> settings(RepoSnapshot repo) {
        return settings(repo, DeployEnvironment.of(repo));
    }

    private static List<Setting> settings(RepoSnapshot repo, DeployEnvironment env) {
        List<Setting> out = new ArrayList<>();
        for (PythonSettings.Assignment a : PythonConfig.assignments(repo)) {
            Evidence.FileLine here = new Evidence.FileLine(a.file(), a.line(), a.excerpt());
            if (ALLOW_ALL.contains(a.name())) {
                out.add(new Setting(here, PythonConfig.isTrue(a.value()), List.of()));
            } else if (ORIGIN_LISTS.contains(a.name())) {
                List<String> values = a.value() instanceof PythonSettings.StrList l ? l.items()
                        : a.value() instanceof PythonSettings.Str s ? List.of(s.text()) : List.of();
                out.add(new Setting(here, values.stream().anyMatch(CorsCheck::matchesAll), origins(String.join(" ", values))));
            }
        }
        for (Calls.Call c : Calls.find(repo, STARLETTE)) {
            if (!c.arguments().contains("allow_origin")) {
                continue;
            }
            String origins = section(c.arguments(), "allow_origins");
            boolean wildcard = STAR_ARG.matcher(origins).find() || REGEX_ALL.matcher(c.arguments()).find();
            String credentials = c.arguments().matches("(?s).*allow_credentials\\s*=\\s*True.*") ? " with credentials" : "";
            out.add(new Setting(new Evidence.FileLine(c.file(), c.line(), "add_middleware(" + c.excerpt() + ")"
                    + (wildcard ? " (any origin" + credentials + ")" : "")), wildcard, origins(origins)));
        }
        for (Calls.Call c : Calls.find(repo, FLASK_CORS)) {
            if (!c.file().endsWith(".py")) {
                continue;
            }
            boolean named = c.arguments().contains("origins");
            boolean wildcard = !named || STAR_ARG.matcher(c.arguments()).find();
            out.add(new Setting(new Evidence.FileLine(c.file(), c.line(), "CORS(" + c.excerpt() + ")"
                    + (named ? "" : " (no origins: Flask-CORS allows any origin)")), wildcard, origins(c.arguments())));
        }
        for (Calls.Call c : Calls.find(repo, EXPRESS_CORS)) {
            if (!c.file().matches(".*\\.(js|mjs|cjs|ts)$")) {
                continue;
            }
            boolean wildcard = c.arguments().isBlank() || STAR_ARG.matcher(c.arguments()).find() || ORIGIN_TRUE.matcher(c.arguments()).find();
            out.add(new Setting(new Evidence.FileLine(c.file(), c.line(), "cors(" + c.excerpt() + ")"
                    + (c.arguments().isBlank() ? " (no options: any origin)" : "")), wildcard, origins(c.arguments())));
        }
        for (DeployEnvironment.Setting s : env.settings()) {
            if (ORIGIN_LISTS.contains(s.key()) && !s.reference() && !DeployEnvironment.isTemplate(s.file())
                    && !DeployEnvironment.isDevelopment(s.file())) {
                boolean wildcard = List.of(s.value().split("[,\\s\\[\\]\"']+")).stream().anyMatch(CorsCheck::matchesAll);
                out.add(new Setting(new Evidence.FileLine(s.file(), s.line(), s.key() + "=" + s.value()), wildcard, origins(s.value())));
            }
        }
        return out;
    }

    private static List<String> origins(String text) {
        return ORIGIN.matcher(text).results().map(m -> m.group()).distinct().toList();
    }

    /** The text of one keyword argument, up to the next keyword at the same level or the end. */
    private static String section(String arguments, String keyword) {
        for (String part : PythonSettings.splitTopLevel(arguments)) {
            if (part.strip().startsWith(keyword)) {
                return part;
            }
        }
        return "";
    }

    private static boolean matchesAll(String origin) {
        String o = origin.strip();
        return o.equals("*") || CATCH_ALL_REGEX.matcher(o).matches();
    }
}
