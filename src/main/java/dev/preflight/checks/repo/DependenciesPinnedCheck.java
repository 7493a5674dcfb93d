package dev.preflight.checks.repo;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.RepoSnapshot;
import dev.preflight.collect.Requirements;
import dev.preflight.collect.ResolvedVersions;
import dev.preflight.text.Lines;

/**
 * Every dependency resolves to one version on every build: pinned exactly in the manifest, or
 * locked by a lockfile beside it. A range without a lock means the next deploy may run code nobody
 * tested.
 */
@CheckInfo(id = "repo.dependencies-pinned", title = "Dependencies are pinned to exact versions or locked", target = TargetKind.REPO,
        severity = Severity.MEDIUM,
        phrases = {"\\bpin(ned)? (all )?(the )?(dependenc|packages?|versions?)", "dependenc\\w* (are )?pinned", "requirements\\.txt",
                "lock ?files?\\b", "package-lock|poetry\\.lock|pipfile\\.lock|go\\.sum"},
        related = {"scorecard:Pinned-Dependencies", "hadolint:DL3013"})
public final class DependenciesPinnedCheck implements Check {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NODE_LOCKS = List.of("package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lockb", "bun.lock");
    private static final List<String> PYPROJECT_LOCKS = List.of("poetry.lock", "uv.lock", "pdm.lock", "Pipfile.lock");
    private static final Pattern NPM_EXACT = Pattern.compile("v?\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");
    private static final Pattern NPM_LOCAL = Pattern.compile("(file|link|workspace|portal|patch):.*");
    private static final Pattern GIT_COMMIT = Pattern.compile(".*#[0-9a-f]{40}");
    private static final Pattern GRADLE_COORDINATE = Pattern.compile("[\"']([\\w.-]+):([\\w.-]+):([^\"'@:]+)(?::[\\w.-]+)?(?:@\\w+)?[\"']");
    private static final Pattern POM_VERSION = Pattern.compile("<version>\\s*([^<]*?)\\s*</version>");

    @Override
    public Outcome run(CheckContext context) {
        RepoSnapshot repo = context.repo();
        Set<String> files = Set.copyOf(repo.files());
        List<Evidence> loose = new ArrayList<>();
        Set<String> manifests = new TreeSet<>();
        Set<String> locks = new TreeSet<>();
        int pinned = 0;
        for (String f : repo.files()) {
            String name = f.substring(f.lastIndexOf('/') + 1);
            String dir = f.substring(0, f.length() - name.length());
            String text = repo.read(f).orElse(null);
            if (text == null) {
                continue;
            }
            if (name.matches("requirements[-_.\\w]*\\.txt")) {
                manifests.add(f);
                for (Requirements.Requirement r : Requirements.parse(text)) {
                    switch (r.kind()) {
                        case PINNED -> pinned++;
                        case LOOSE -> loose.add(new Evidence.FileLine(f, r.line(), r.text() + "  (not pinned with ==)"));
                        case EDITABLE_OR_URL -> loose.add(new Evidence.FileLine(f, r.line(), r.text() + "  (editable or URL install: no version)"));
                    }
                }
            } else if (name.equals("Pipfile")) {
                manifests.add(f);
                if (!files.contains(dir + "Pipfile.lock")) {
                    loose.add(new Evidence.FileLine(f, 0, "no Pipfile.lock beside it (run 'pipenv lock' and commit it)"));
                } else {
                    locks.add(dir + "Pipfile.lock");
                }
            } else if (name.equals("pyproject.toml")) {
                pyproject(f, dir, text, files, manifests, locks, loose);
            } else if (name.equals("package.json")) {
                pinned += packageJson(f, dir, text, files, manifests, locks, loose);
            } else if (name.equals("go.mod")) {
                int require = firstLine(text, "(?m)^require\\b");
                if (require > 0) {
                    manifests.add(f);
                    if (files.contains(dir + "go.sum")) {
                        locks.add(dir + "go.sum");
                    } else {
                        loose.add(new Evidence.FileLine(f, require, "no go.sum beside it (run 'go mod tidy' and commit go.sum)"));
                    }
                }
            } else if (name.equals("pom.xml")) {
                manifests.add(f);
                pinned += pom(f, text, loose);
            } else if (name.equals("build.gradle") || name.equals("build.gradle.kts")) {
                manifests.add(f);
                pinned += gradle(f, text, loose);
            }
        }
        if (manifests.isEmpty()) {
            return Outcome.notApplicable("no dependency manifest (requirements.txt, Pipfile, pyproject.toml, package.json, go.mod, "
                    + "pom.xml, build.gradle) in the repository (stack: " + repo.stack().describe() + ")");
        }
        if (!loose.isEmpty()) {
            return Outcome.fail(loose.size() == 1 ? "1 dependency is not pinned: " + loose.getFirst().describe()
                            : loose.size() + " dependencies are not pinned to one version",
                    "Pin each dependency exactly (requirements: 'name==1.2.3', best with --hash from 'pip-compile --generate-hashes'; "
                            + "Maven/Gradle: a fixed release version), or commit the lockfile of the tool that resolves the ranges "
                            + "(package-lock.json, poetry.lock, Pipfile.lock, go.sum).", loose);
        }
        List<Evidence> evidence = new ArrayList<>();
        manifests.forEach(m -> evidence.add(new Evidence.FileLine(m, 0, "manifest")));
        locks.forEach(l -> evidence.add(new Evidence.FileLine(l, 0, "lockfile")));
        return Outcome.pass(manifests.size() + " manifest(s) checked: " + pinned + " exact pin(s)"
                + (locks.isEmpty() ? "" : ", locked by " + String.join(", ", locks)), evidence);
    }

    private static void pyproject(String f, String dir, String text, Set<String> files, Set<String> manifests, Set<String> locks,
                                  List<Evidence> loose) {
        String lock = PYPROJECT_LOCKS.stream().filter(l -> files.contains(dir + l)).findFirst().orElse(null);
        int poetry = firstLine(text, "(?m)^\\[tool\\.poetry]");
        int project = firstLine(text, "(?m)^\\[project]");
        if (poetry == 0 && project == 0) {
            return;
        }
        manifests.add(f);
        if (lock != null) {
            locks.add(dir + lock);
        } else if (poetry > 0) {
            loose.add(new Evidence.FileLine(f, poetry, "Poetry project without poetry.lock (run 'poetry lock' and commit it)"));
        } else if (files.stream().noneMatch(x -> x.startsWith(dir) && x.substring(dir.length()).matches("requirements[-_.\\w]*\\.txt"))) {
            int deps = firstLine(text, "(?m)^dependencies\\s*=\\s*\\[");
            Matcher m = Pattern.compile("(?s)^dependencies\\s*=\\s*\\[(.*?)]", Pattern.MULTILINE).matcher(text);
            if (deps > 0 && m.find() && Pattern.compile("\"([^\"]*)\"").matcher(m.group(1)).results()
                    .anyMatch(r -> !r.group(1).matches("[\\w.\\[\\],-]+\\s*===?\\s*[\\w.!+-]+\\s*(;.*)?"))) {
                loose.add(new Evidence.FileLine(f, deps, "[project] dependencies with ranges and no lockfile (uv.lock, pdm.lock, poetry.lock) "
                        + "or pinned requirements file beside it"));
            }
        }
    }

    private static int packageJson(String f, String dir, String text, Set<String> files, Set<String> manifests, Set<String> locks,
                                   List<Evidence> loose) {
        String lock = lockAbove(dir, files);
        manifests.add(f);
        if (lock != null) {
            locks.add(lock);
            return 0;
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            loose.add(new Evidence.FileLine(f, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), "cannot parse at "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr()) + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("malformed JSON")));
            return 0;
        }
        int exact = 0;
        for (String section : List.of("dependencies", "devDependencies", "optionalDependencies")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path(section).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String spec = e.getValue().asText().strip();
                if (NPM_EXACT.matcher(spec).matches() || NPM_LOCAL.matcher(spec).matches() || GIT_COMMIT.matcher(spec).matches()) {
                    exact++;
                } else {
                    String entry = "\"" + e.getKey() + "\": \"" + spec + "\"";
                    loose.add(new Evidence.FileLine(f, Lines.lineOfFirst(text, "\"" + e.getKey() + "\""), entry + "  (a range, and no lockfile)"));
                }
            }
        }
        return exact;
    }

    /** npm, yarn and pnpm workspaces keep one lockfile at the workspace root, above the package. */
    private static String lockAbove(String dir, Set<String> files) {
        String d = dir;
        while (true) {
            for (String lock : NODE_LOCKS) {
                if (files.contains(d + lock)) {
                    return d + lock;
                }
            }
            if (d.isEmpty()) {
                return null;
            }
            int slash = d.lastIndexOf('/', d.length() - 2);
            d = slash < 0 ? "" : d.substring(0, slash + 1);
        }
    }

    private static int pom(String f, String text, List<Evidence> loose) {
        Map<String, String> properties = ResolvedVersions.Pom.properties(text);
        int exact = 0;
        Matcher dep = Pattern.compile("<(dependency|plugin)>(.*?)</\\1>", Pattern.DOTALL).matcher(text);
        while (dep.find()) {
            Matcher v = POM_VERSION.matcher(dep.group(2));
            if (!v.find()) {
                continue;
            }
            String version = ResolvedVersions.Pom.resolve(v.group(1), properties);
            String why = looseJvmVersion(version);
            if (why == null) {
                exact++;
            } else {
                String artifact = ResolvedVersions.Pom.element(dep.group(2), "artifactId");
                int line = Lines.lineAt(text, dep.start(2) + v.start());
                loose.add(new Evidence.FileLine(f, line, artifact + " " + version + "  (" + why + ")"));
            }
        }
        return exact;
    }

    private static int gradle(String f, String text, List<Evidence> loose) {
        int exact = 0;
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher m = GRADLE_COORDINATE.matcher(lines[i]);
            while (m.find()) {
                String why = looseJvmVersion(m.group(3));
                if (why == null) {
                    exact++;
                } else {
                    loose.add(new Evidence.FileLine(f, i + 1, m.group(1) + ":" + m.group(2) + ":" + m.group(3) + "  (" + why + ")"));
                }
            }
        }
        return exact;
    }

    /** Why a Maven or Gradle version is not one release, or null when it is. */
    static String looseJvmVersion(String version) {
        if (version.contains("${")) {
            return null;
        }
        if (ResolvedVersions.Pom.isRange(version)) {
            return "a version range";
        }
        if (version.endsWith("+")) {
            return "a dynamic version";
        }
        if (version.toUpperCase(java.util.Locale.ROOT).endsWith("SNAPSHOT")) {
            return "a SNAPSHOT, which changes under the same version";
        }
        if (version.matches("latest\\.\\w+|LATEST|RELEASE")) {
            return "whatever is newest at build time";
        }
        return null;
    }

    private static int firstLine(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? Lines.lineAt(text, m.start()) : 0;
    }

}
