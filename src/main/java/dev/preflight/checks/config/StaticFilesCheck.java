package dev.preflight.checks.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.PythonSettings;
import dev.preflight.collect.RepoSnapshot;

/**
 * A Django project sets STATIC_ROOT (collectstatic refuses to run without it), in the folder the
 * item names if it names one, and runs collectstatic as part of its build or release.
 */
@CheckInfo(id = "config.static-files", title = "Static files are collected where the web server serves them", target = TargetKind.REPO,
        severity = Severity.LOW,
        phrases = {"collectstatic", "\\bcollect(ed)? static", "static files collected", "STATIC_ROOT"},
        related = {"django:staticfiles.W004"})
public final class StaticFilesCheck implements Check {
    private static final Pattern COLLECTSTATIC = Pattern.compile("\\bcollectstatic\\b");
    private static final Pattern NAMED_DIR = Pattern.compile("\\bto\\s+/?([\\w.-]+(?:/[\\w.-]+)*)/");
    private static final Pattern BUILD_FILES = Pattern.compile("(^|/)(Makefile|\\.gitlab-ci\\.ya?ml|\\.github/workflows/[^/]+\\.ya?ml|app\\.json|fly\\.toml|render\\.yaml)$");
    private static final Pattern SERVED = Pattern.compile("whitenoise|location\\s+/static");

    @Override
    public Outcome run(CheckContext context) {
        RepoSnapshot repo = context.repo();
        List<PythonSettings> settings = PythonConfig.djangoSettings(repo);
        if (settings.isEmpty()) {
            return Outcome.notApplicable("no Django settings module in the repository (stack: " + repo.stack().describe() + ")");
        }
        Matcher named = NAMED_DIR.matcher(context.itemText() == null ? "" : context.itemText());
        Optional<String> dir = named.find() ? Optional.of(named.group(1)) : Optional.empty();
        List<Evidence> problems = new ArrayList<>();
        List<Evidence> seen = new ArrayList<>();
        for (PythonSettings s : settings) {
            var root = s.get("STATIC_ROOT");
            if (root.isEmpty() || root.get().value() instanceof PythonSettings.None) {
                problems.add(new Evidence.FileLine(s.path(), root.map(PythonSettings.Assignment::line).orElse(0),
                        "STATIC_ROOT is not set: collectstatic has nowhere to collect to"));
                continue;
            }
            var a = root.get();
            Evidence.FileLine here = new Evidence.FileLine(a.file(), a.line(), a.excerpt());
            if (dir.isPresent() && !(a.value() instanceof PythonSettings.FromEnv)) {
                String written = a.value().describe().replace("\"", "'");
                boolean matches = written.contains("'" + dir.get() + "'") || written.contains("/" + dir.get() + "'")
                        || written.contains("'" + dir.get() + "/");
                if (!matches) {
                    problems.add(new Evidence.FileLine(a.file(), a.line(), a.excerpt() + " (not " + dir.get() + "/)"));
                    continue;
                }
            }
            seen.add(here);
        }
        List<Evidence> runs = new ArrayList<>();
        Commands.matching(repo, COLLECTSTATIC).forEach(l -> runs.add(new Evidence.FileLine(l.file(), l.line(), l.text())));
        for (String f : repo.files()) {
            if (BUILD_FILES.matcher(f).find()) {
                String[] lines = repo.read(f).orElse("").split("\r?\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    if (COLLECTSTATIC.matcher(lines[i]).find() && !lines[i].strip().startsWith("#")) {
                        runs.add(new Evidence.FileLine(f, i + 1, lines[i].strip()));
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            return Outcome.fail(problems.size() == 1 ? problems.getFirst().describe() : problems.size() + " static-files problems",
                    "Set STATIC_ROOT = BASE_DIR / '" + dir.orElse("staticfiles") + "' in the production settings and run "
                            + "'python manage.py collectstatic --noinput' in the Dockerfile or release step.", problems);
        }
        boolean served = repo.files().stream().filter(f -> f.endsWith(".py") || f.endsWith(".conf") || f.endsWith(".txt"))
                .anyMatch(f -> repo.read(f).map(t -> SERVED.matcher(t).find()).orElse(false));
        seen.add(new Evidence.Note(served ? "served by WhiteNoise or an nginx location /static" : "no WhiteNoise or nginx location /static found"));
        if (runs.isEmpty()) {
            return Outcome.warn("STATIC_ROOT is set but collectstatic runs in no Dockerfile, Procfile, compose file, script or CI job",
                    "Run 'python manage.py collectstatic --noinput' where the image or release is built (a RUN line in the Dockerfile, "
                            + "a Procfile release phase).", seen);
        }
        seen.addAll(runs);
        return Outcome.pass("STATIC_ROOT is set and collectstatic runs (" + runs.getFirst().describe() + ")", seen);
    }
}
