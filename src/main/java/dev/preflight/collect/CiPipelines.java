package dev.preflight.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import dev.preflight.check.Evidence;

/**
 * The repository's CI pipelines and the steps in them that run a test suite: GitHub Actions
 * workflows, GitLab CI, CircleCI, Bitbucket, Azure Pipelines, Travis (their {@code run},
 * {@code script} and {@code command} entries) and Jenkinsfiles (their {@code sh} lines).
 */
public final class CiPipelines {
    private CiPipelines() {
    }

    /** A CI file, the commands of it that run tests, and why it could not be read if it could not. */
    public record Pipeline(String file, List<Evidence.FileLine> testSteps, Evidence.FileLine error) {
    }

    /** A command that runs a test suite; skipping flags are checked apart. */
    public static final Pattern TEST_RUNNER = Pattern.compile("(?i)(^|[\\s;&|(/])(pytest|py\\.test|python3? -m (pytest|unittest)|manage\\.py test"
            + "|tox|nox|(npm|pnpm|yarn|bun)( run)? test(:\\w+)?|npx (jest|vitest|mocha)|jest|vitest|mocha|go test|mvnw?\\b.*\\b(test|verify|install)"
            + "|gradlew?\\b.*\\b(test|check|build)|make (test|check)|cargo test|rspec|phpunit|dotnet test|ctest)(\\s|$|[;&|)'\"])");
    private static final Pattern SKIPS_TESTS = Pattern.compile("skipTests|maven\\.test\\.skip|-x test\\b");
    private static final Set<String> COMMAND_KEYS = Set.of("run", "script", "command", "before_script", "after_script");

    private static final Pattern INSTALL = Pattern.compile("\\b(pip3? install|(npm|pnpm|yarn) (i|install|add|ci)|poetry add|uv (pip|add)|apt-get|apk add|go install)\\b");
    private static final Pattern SEGMENTS = Pattern.compile("&&|\\|\\||;");

    /** A command line runs tests when one of its {@code &&}/{@code ;} segments does, and that segment does not just install a runner. */
    public static boolean runsTests(String command) {
        for (String segment : SEGMENTS.split(command)) {
            if (TEST_RUNNER.matcher(segment).find() && !SKIPS_TESTS.matcher(segment).find() && !INSTALL.matcher(segment).find()) {
                return true;
            }
        }
        return false;
    }

    public static List<Pipeline> find(RepoSnapshot repo) {
        List<Pipeline> out = new ArrayList<>();
        for (String f : repo.files()) {
            String lower = f.toLowerCase(Locale.ROOT);
            boolean yaml = lower.endsWith(".yml") || lower.endsWith(".yaml");
            boolean ci = (lower.startsWith(".github/workflows/") && yaml) || lower.equals(".gitlab-ci.yml")
                    || lower.equals(".circleci/config.yml") || lower.equals("bitbucket-pipelines.yml")
                    || lower.equals("azure-pipelines.yml") || lower.equals(".travis.yml");
            if (ci) {
                out.add(yamlPipeline(f, repo.read(f).orElse("")));
            } else if (f.equals("Jenkinsfile") || lower.endsWith("/jenkinsfile")) {
                out.add(jenkinsfile(f, repo.read(f).orElse("")));
            }
        }
        return out;
    }

    private static Pipeline yamlPipeline(String file, String text) {
        Object tree;
        try {
            tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 0 : mark.getLine() + 1;
            int column = mark == null ? 0 : mark.getColumn() + 1;
            return new Pipeline(file, List.of(), new Evidence.FileLine(file, line, "cannot parse at " + line + ":" + column + ": " + e.getProblem()));
        } catch (YAMLException e) {
            return new Pipeline(file, List.of(), new Evidence.FileLine(file, 0, "cannot parse: " + e.getMessage()));
        }
        List<String> commands = new ArrayList<>();
        collect(tree, false, commands);
        String[] lines = text.split("\\r?\\n");
        List<Evidence.FileLine> steps = new ArrayList<>();
        for (String command : commands) {
            for (String line : command.split("\\n")) {
                if (runsTests(line)) {
                    steps.add(new Evidence.FileLine(file, lineOf(lines, line.strip()), CommandLine.masked(line.strip())));
                }
            }
        }
        return new Pipeline(file, steps, null);
    }

    /** Strings under run/script/command keys, at any depth (CircleCI's run: {command: ...} included). */
    private static void collect(Object node, boolean command, List<String> out) {
        if (node instanceof Map<?, ?> map) {
            for (var e : map.entrySet()) {
                collect(e.getValue(), command || COMMAND_KEYS.contains(String.valueOf(e.getKey())), out);
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collect(item, command, out));
        } else if (command && node instanceof String s) {
            out.add(s);
        }
    }

    private static Pipeline jenkinsfile(String file, String text) {
        String[] lines = text.split("\\r?\\n");
        List<Evidence.FileLine> steps = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith("//") && runsTests(line)) {
                steps.add(new Evidence.FileLine(file, i + 1, CommandLine.masked(line)));
            }
        }
        return new Pipeline(file, steps, null);
    }

    private static int lineOf(String[] lines, String text) {
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        return 0;
    }
}
