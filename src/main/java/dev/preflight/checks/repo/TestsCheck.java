package dev.preflight.checks.repo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.CiPipelines;
import dev.preflight.collect.RepoSnapshot;

/**
 * The repository has tests, and a CI pipeline runs them. Whether they pass is a fact about a run,
 * not about the repository: a PASS says the suite exists and CI runs it on every push, and the
 * evidence says plainly that the pass count the item states was not verified here.
 */
@CheckInfo(id = "repo.tests", title = "Tests exist and the CI pipeline runs them", target = TargetKind.REPO, severity = Severity.MEDIUM,
        phrases = {"\\btests? (are )?(pass|passing)\\b", "test suite", "\\bunit tests?\\b", "test coverage"},
        related = {"scorecard:CI-Tests"})
public final class TestsCheck implements Check {
    private static final Pattern TEST_FILE = Pattern.compile("(^|/)(test_[^/]*\\.py|[^/]*_test\\.py|[^/]*_test\\.go|[^/]*\\.(test|spec)\\.[cm]?[jt]sx?"
            + "|[^/]*Tests?\\.(java|kt)|[^/]*_spec\\.rb)$");
    private static final Pattern TEST_DIR_FILE = Pattern.compile("(^|/)(tests?|__tests__|spec)/.*\\.(py|[cm]?[jt]sx?|go|rb)$");
    private static final Pattern TEST_CASE = Pattern.compile("(?m)^\\s*(async\\s+)?def test_\\w*|^func Test\\w*\\(|@Test\\b|@ParameterizedTest\\b"
            + "|^\\s*(it|test)(\\.each\\([^)]*\\))?\\s*\\(\\s*['\"`]");
    private static final Pattern STATED_COUNT = Pattern.compile("\\b(\\d+)\\s*/\\s*(\\d+)\\b");

    @Override
    public Outcome run(CheckContext context) {
        RepoSnapshot repo = context.repo();
        List<String> files = repo.files().stream().filter(f -> isTestFile(repo, f)).toList();
        if (files.isEmpty()) {
            return Outcome.fail("no tests in the repository (stack: " + repo.stack().describe() + ")",
                    "Write tests (tests/test_*.py, *_test.go, *.test.js, src/test/java) and run them in CI.",
                    new Evidence.Note("looked for tests/ folders, test_*.py, *_test.go, *.test.js/*.spec.ts, *Test.java"));
        }
        int cases = 0;
        for (String f : files) {
            Matcher m = TEST_CASE.matcher(repo.read(f).orElse(""));
            while (m.find()) {
                cases++;
            }
        }
        String found = files.size() + " test file(s), " + cases + " test case(s)";
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence.Measurement("test files", files.size(), null));
        evidence.add(new Evidence.Measurement("test cases", cases, null));
        Matcher stated = STATED_COUNT.matcher(context.itemText());
        evidence.add(new Evidence.Note((stated.find() ? "the item's '" + stated.group() + "' " : "whether the tests pass ")
                + "is not verified from the repository: a CI run's result is what shows it"));
        List<Evidence.FileLine> ciSteps = CiPipelines.find(repo).stream().flatMap(p -> p.testSteps().stream()).toList();
        if (ciSteps.isEmpty()) {
            evidence.add(new Evidence.Note("no CI pipeline step runs the tests"));
            return Outcome.warn(found + ", but no CI pipeline runs them: nothing in the repository shows they pass",
                    "Run the suite in CI on every push (see repo.ci), so a failing test blocks the merge.", evidence);
        }
        evidence.addAll(ciSteps);
        return Outcome.pass(found + "; CI runs them (" + ciSteps.getFirst().describe() + ")", evidence);
    }

    /** A JVM class named like a test counts only under a test folder or with a test annotation: XPath's NodeTest is not a test. */
    static boolean isTestFile(RepoSnapshot repo, String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.contains("/fixtures/") || lower.endsWith("conftest.py") || lower.endsWith("__init__.py")) {
            return false;
        }
        if (TEST_FILE.matcher(path).find()) {
            boolean jvm = lower.endsWith(".java") || lower.endsWith(".kt");
            return !jvm || lower.matches("(.*/)?tests?/.*") || repo.read(path).filter(t -> t.contains("@Test")).isPresent();
        }
        return TEST_DIR_FILE.matcher(lower).find() && !lower.contains("/testdata/");
    }
}
