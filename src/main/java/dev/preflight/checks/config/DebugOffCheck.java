package dev.preflight.checks.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.DeployEnvironment;
import dev.preflight.collect.PythonSettings;
import dev.preflight.collect.PythonSettings.Assignment;
import dev.preflight.collect.RepoSnapshot;
import dev.preflight.collect.Stack.Component;

/**
 * Debug and auto-reload are off wherever production is configured: Django's and Flask's DEBUG,
 * {@code app.run(debug=True)}, FLASK_DEBUG / FLASK_ENV / DEBUG / NODE_ENV in env files and compose,
 * and {@code --reload} on a gunicorn or uvicorn command line. For Express, NODE_ENV=production must
 * be set somewhere the repository controls.
 */
@CheckInfo(id = "config.debug-off", title = "Debug mode is off in production settings", target = TargetKind.REPO,
        severity = Severity.CRITICAL,
        phrases = {"\\bDEBUG\\s*=\\s*(False|0|off)\\b", "FLASK_ENV\\s*=\\s*production", "\\bFLASK_DEBUG\\b", "NODE_ENV\\s*=\\s*production",
                "\\bdebug (mode )?(is )?(off|disabled|false)\\b", "\\bdisable debug", "app\\.run\\(debug"},
        related = {"django:security.W018", "bandit:B201"})
public final class DebugOffCheck implements Check {
    private static final Set<String> TRUE = Set.of("1", "true", "yes", "on", "t", "y");
    private static final Set<String> DEBUG_VARIABLES = Set.of("DEBUG", "DJANGO_DEBUG", "FLASK_DEBUG", "APP_DEBUG");
    private static final Pattern RUN_DEBUG = Pattern.compile("\\.run\\([^)]*\\bdebug\\s*=\\s*True");
    private static final Pattern RUN_RELOAD = Pattern.compile("uvicorn\\.run\\([^)]*\\breload\\s*=\\s*True");
    private static final Pattern RELOAD_FLAG = Pattern.compile("\\b(gunicorn|uvicorn|hypercorn)\\b.*[\\s\"']--reload\\b");
    private static final Pattern NODE_PRODUCTION = Pattern.compile("NODE_ENV[=\\s:]+[\"']?production");

    @Override
    public Outcome run(CheckContext context) {
        return PythonConfig.withDeployEnvironment(context, this::evaluate);
    }

    private Outcome evaluate(CheckContext context, DeployEnvironment env) {
        RepoSnapshot repo = context.repo();
        var stack = repo.stack();
        if (!stack.has(Component.PYTHON) && !stack.has(Component.NODE)) {
            return Outcome.notApplicable("no Python or Node.js app in the repository (stack: " + stack.describe() + ")");
        }
        List<Evidence> problems = new ArrayList<>();
        List<Evidence> seen = new ArrayList<>();
        PythonConfig.assignments(repo).stream().filter(a -> a.name().equals("DEBUG")).forEach(a -> debugSetting(a, env, problems, seen));
        for (PythonSettings module : PythonConfig.modules(repo)) {
            String[] lines = repo.read(module.path()).orElse("").split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i].strip();
                if (!l.startsWith("#") && (RUN_DEBUG.matcher(l).find() || RUN_RELOAD.matcher(l).find())) {
                    problems.add(new Evidence.FileLine(module.path(), i + 1, l));
                }
            }
            if (module.path().matches("(.*/)?gunicorn[^/]*\\.py")) {
                module.get("reload").filter(a -> PythonConfig.isTrue(a.value()))
                        .ifPresent(a -> problems.add(new Evidence.FileLine(a.file(), a.line(), a.excerpt())));
            }
        }
        for (DeployEnvironment.Setting s : env.settings()) {
            if (s.reference() || DeployEnvironment.isTemplate(s.file()) || DeployEnvironment.isDevelopment(s.file())) {
                continue;
            }
            String v = s.value().strip().toLowerCase(Locale.ROOT);
            boolean bad = (DEBUG_VARIABLES.contains(s.key()) && TRUE.contains(v))
                    || (s.key().equals("FLASK_ENV") && v.equals("development"))
                    || (s.key().equals("NODE_ENV") && !v.equals("production"));
            if (bad) {
                problems.add(new Evidence.FileLine(s.file(), s.line(), s.key() + "=" + s.value()));
            }
        }
        Commands.matching(repo, RELOAD_FLAG).forEach(l -> problems.add(new Evidence.FileLine(l.file(), l.line(), l.text())));
        if (stack.has(Component.EXPRESS) && problems.isEmpty() && !nodeProductionSet(repo, env)) {
            return Outcome.warn("NODE_ENV=production is set nowhere in the repository (Express runs in development mode without it)",
                    "Set NODE_ENV=production where the app starts: 'ENV NODE_ENV=production' in the Dockerfile, the compose "
                            + "service's environment, or the systemd unit's Environment=.", seen);
        }
        if (!problems.isEmpty()) {
            return Outcome.fail(problems.size() == 1 ? "debug or reload is on: " + problems.getFirst().describe()
                            : problems.size() + " places turn debug or reload on",
                    "Turn debug off for production: DEBUG = False (or read it from the environment with a False default), no "
                            + "app.run(debug=True), FLASK_DEBUG=0, NODE_ENV=production, and no --reload on the server command.",
                    problems);
        }
        return Outcome.pass("debug is off" + (seen.isEmpty() ? " (no DEBUG setting, and the frameworks' default is off)" : ""), seen);
    }

    private static void debugSetting(Assignment a, DeployEnvironment env, List<Evidence> problems, List<Evidence> seen) {
        Evidence here = new Evidence.FileLine(a.file(), a.line(), a.excerpt());
        if (a.value() instanceof PythonSettings.FromEnv fromEnv) {
            List<DeployEnvironment.Setting> set = env.of(fromEnv.variable()).stream()
                    .filter(s -> !DeployEnvironment.isTemplate(s.file()) && !DeployEnvironment.isDevelopment(s.file())).toList();
            boolean defaultOn = fromEnv.fallback().map(PythonConfig::isTrue).orElse(false)
                    && !(fromEnv.fallback().get() instanceof PythonSettings.Str str && !TRUE.contains(str.text().toLowerCase(Locale.ROOT)));
            if (set.isEmpty() && defaultOn) {
                problems.add(new Evidence.FileLine(a.file(), a.line(), a.excerpt() + " (debug is on when " + fromEnv.variable() + " is unset)"));
            } else {
                seen.add(here);
                set.forEach(s -> seen.add(new Evidence.FileLine(s.file(), s.line(), s.key() + "=" + s.value())));
            }
        } else if (PythonConfig.isTrue(a.value())) {
            problems.add(here);
        } else {
            seen.add(here);
        }
    }

    private static boolean nodeProductionSet(RepoSnapshot repo, DeployEnvironment env) {
        if (env.of("NODE_ENV").stream().anyMatch(s -> s.value().strip().equals("production"))) {
            return true;
        }
        return repo.files().stream().filter(f -> f.matches("(.*/)?(Dockerfile[^/]*|package\\.json|[^/]+\\.service|ecosystem\\.config\\.js)"))
                .anyMatch(f -> repo.read(f).map(t -> NODE_PRODUCTION.matcher(t).find()).orElse(false));
    }
}
