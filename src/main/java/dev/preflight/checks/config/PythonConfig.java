package dev.preflight.checks.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import dev.preflight.check.CheckContext;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.DeployEnvironment;
import dev.preflight.collect.PythonSettings;
import dev.preflight.collect.PythonSettings.Value;
import dev.preflight.collect.RepoSnapshot;

/** Where the Python checks find settings: Django settings modules (star imports merged) and the app's own modules. */
final class PythonConfig {
    private static final Pattern DEVELOPMENT_CLASS = Pattern.compile("(?i)(dev|local|test|debug)");

    private PythonConfig() {
    }

    /**
     * The Django settings modules a deployment may use: {@code settings.py}, and the modules of a
     * {@code settings/} package that no other module star-imports (production.py over base.py),
     * leaving out those named for development or tests.
     */
    static List<PythonSettings> djangoSettings(RepoSnapshot repo) {
        List<String> candidates = repo.files().stream()
                .filter(f -> f.endsWith("/settings.py") || f.equals("settings.py")
                        || (f.matches("(.*/)?settings/[^/]+\\.py") && !f.endsWith("__init__.py")))
                .filter(f -> !DeployEnvironment.isDevelopment(f.substring(f.lastIndexOf('/') + 1)))
                .toList();
        Set<String> imported = new HashSet<>();
        for (String f : candidates) {
            parse(repo, f).ifPresent(s -> s.starImports().forEach(i -> resolve(repo, f, i).ifPresent(imported::add)));
        }
        List<PythonSettings> out = new ArrayList<>();
        for (String f : candidates) {
            if (!imported.contains(f)) {
                load(repo, f, 0).ifPresent(out::add);
            }
        }
        return out;
    }

    /**
     * Every production Python module of the app (not tests, migrations nor development settings),
     * parsed once per run and shared by the Python checks; each class holds what it inherits.
     */
    static List<PythonSettings> modules(RepoSnapshot repo) {
        return code(repo).modules();
    }

    /**
     * The settings a deployment may use, each once: every module's top-level assignments, then the
     * attributes of its configuration classes with what they inherit. Classes named for development
     * or tests ({@code DevelopmentConfig}, {@code TestingConfig}, {@code LocalSettings}) are left out,
     * and so is a class that another such deployment class extends: it is judged through that
     * subclass, where its values may be overridden ({@code Config} through {@code ProductionConfig}).
     */
    static List<PythonSettings.Assignment> assignments(RepoSnapshot repo) {
        return code(repo).deployed();
    }

    private record PythonCode(List<PythonSettings> modules, List<PythonSettings.Assignment> deployed) {
    }

    private static PythonCode code(RepoSnapshot repo) {
        return repo.derived("python-settings", PythonConfig::read);
    }

    private static PythonCode read(RepoSnapshot repo) {
        List<PythonSettings> parsed = repo.files().stream()
                .filter(f -> f.endsWith(".py") && !DeployEnvironment.isDevelopment(f) && !f.matches("(.*/)?(test_[^/]*|[^/]*_test\\.py|conftest\\.py)$")
                        && !f.contains("/migrations/"))
                .map(f -> parse(repo, f)).flatMap(Optional::stream).toList();
        PythonClasses classes = new PythonClasses(repo, parsed);
        Set<String> extended = new HashSet<>();
        for (PythonSettings m : parsed) {
            m.classes().values().stream().filter(c -> isDeployable(c.name()))
                    .forEach(c -> classes.bases(new PythonClasses.Defined(m.path(), c)).forEach(b -> extended.add(b.key())));
        }
        List<PythonSettings> modules = parsed.stream().map(classes::withInherited).toList();
        Set<PythonSettings.Assignment> deployed = new LinkedHashSet<>();
        for (PythonSettings m : modules) {
            deployed.addAll(m.assignments().values());
            m.classes().values().stream()
                    .filter(c -> isDeployable(c.name()) && !extended.contains(new PythonClasses.Defined(m.path(), c).key()))
                    .forEach(c -> deployed.addAll(c.attributes().values()));
        }
        return new PythonCode(modules, List.copyOf(deployed));
    }

    private static boolean isDeployable(String className) {
        return !DEVELOPMENT_CLASS.matcher(className).find();
    }

    /**
     * The outcome with a note for every env, compose or manifest file that could not be parsed: the
     * check went on without it, and a reader should know what it did not see.
     */
    /**
     * Runs {@code evaluate} with the repository's deployment variables, and adds the deploy files
     * among them that could not be read to what it found.
     */
    static Outcome withDeployEnvironment(CheckContext context, BiFunction<CheckContext, DeployEnvironment, Outcome> evaluate) {
        DeployEnvironment env = DeployEnvironment.of(context.repo());
        return withUnreadable(evaluate.apply(context, env), env);
    }

    static Outcome withUnreadable(Outcome outcome, DeployEnvironment env) {
        if (env.problems().isEmpty() || outcome.status() == Status.SKIP) {
            return outcome;
        }
        List<Evidence> evidence = new ArrayList<>(outcome.evidence());
        env.problems().forEach(p -> evidence.add(new Evidence.Note(p)));
        return new Outcome(outcome.status(), outcome.summary(), evidence, outcome.remediation(), outcome.skip());
    }

    static boolean isTrue(Value v) {
        return switch (v) {
            case PythonSettings.Bool b -> b.value();
            case PythonSettings.Num n -> n.value() != 0;
            case PythonSettings.Str s -> !s.text().isEmpty();
            case PythonSettings.StrList l -> !l.items().isEmpty();
            case PythonSettings.Dict d -> !d.entries().isEmpty();
            default -> false;
        };
    }

    /** Values Preflight cannot read from the file: the environment, or an expression it does not evaluate. */
    static boolean isUnknown(Value v) {
        return v instanceof PythonSettings.FromEnv || v instanceof PythonSettings.Expr;
    }

    private static Optional<PythonSettings> parse(RepoSnapshot repo, String file) {
        return repo.read(file).map(t -> PythonSettings.parse(file, t));
    }

    private static Optional<PythonSettings> load(RepoSnapshot repo, String file, int depth) {
        Optional<PythonSettings> own = parse(repo, file);
        if (own.isEmpty() || depth > 5) {
            return own;
        }
        PythonSettings merged = own.get();
        for (String module : own.get().starImports()) {
            Optional<PythonSettings> base = resolve(repo, file, module).flatMap(b -> load(repo, b, depth + 1));
            if (base.isPresent()) {
                merged = merged.over(base.get());
            }
        }
        return Optional.of(merged);
    }

    /** The file a {@code from X import *} names: relative to the importing module, or by its dotted path. */
    static Optional<String> resolve(RepoSnapshot repo, String from, String module) {
        String dir = from.contains("/") ? from.substring(0, from.lastIndexOf('/')) : "";
        if (module.startsWith(".")) {
            int dots = 0;
            while (dots < module.length() && module.charAt(dots) == '.') {
                dots++;
            }
            for (int up = 1; up < dots; up++) {
                dir = dir.contains("/") ? dir.substring(0, dir.lastIndexOf('/')) : "";
            }
            String rest = module.substring(dots).replace('.', '/');
            String path = (dir.isEmpty() ? "" : dir + "/") + rest;
            return Optional.of(path + ".py").filter(repo::exists);
        }
        String suffix = module.replace('.', '/') + ".py";
        return repo.files().stream().filter(f -> f.equals(suffix) || f.endsWith("/" + suffix)).findFirst();
    }
}
