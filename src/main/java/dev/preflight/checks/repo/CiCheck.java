package dev.preflight.checks.repo;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.CiPipelines;
import dev.preflight.collect.CiPipelines.Pipeline;

/**
 * A CI pipeline in the repository runs the test suite: a step whose command is a test runner
 * (pytest, npm test, go test, mvn verify, gradle test, tox, make test...). A pipeline that only
 * lints or builds does not count.
 */
@CheckInfo(id = "repo.ci", title = "A CI pipeline with a test step exists", target = TargetKind.REPO, severity = Severity.MEDIUM,
        phrases = {"\\bCI/CD\\b", "\\bCI\\b.*\\bpipeline", "continuous integration", "github actions", "gitlab[- ]ci", "\\bjenkins"},
        related = {"scorecard:CI-Tests"})
public final class CiCheck implements Check {

    @Override
    public Outcome run(CheckContext context) {
        List<Pipeline> pipelines = CiPipelines.find(context.repo());
        if (pipelines.isEmpty()) {
            return Outcome.fail("no CI pipeline in the repository",
                    "Add a workflow that runs the tests on every push, e.g. .github/workflows/ci.yml with a 'run: pytest' step.",
                    new Evidence.Note("looked for .github/workflows/*.yml, .gitlab-ci.yml, .circleci/config.yml, Jenkinsfile, "
                            + "bitbucket-pipelines.yml, azure-pipelines.yml, .travis.yml"));
        }
        List<Evidence.FileLine> errors = pipelines.stream().map(Pipeline::error).filter(Objects::nonNull).toList();
        List<Evidence.FileLine> steps = pipelines.stream().flatMap(p -> p.testSteps().stream()).toList();
        String fix = "Add a step that runs the test suite (pytest, npm test, go test, mvn verify...) to the pipeline that runs on push and pull requests.";
        if (steps.isEmpty()) {
            List<Evidence> evidence = new ArrayList<>(errors);
            pipelines.stream().filter(p -> p.error() == null)
                    .forEach(p -> evidence.add(new Evidence.FileLine(p.file(), 0, "no step runs a test suite")));
            return Outcome.fail(errors.size() == pipelines.size() && !errors.isEmpty() ? errors.getFirst().describe()
                    : pipelines.size() + " CI pipeline(s), none runs the tests", fix, evidence);
        }
        String summary = "CI runs the tests: " + steps.getFirst().describe();
        if (!errors.isEmpty()) {
            List<Evidence> evidence = new ArrayList<>(errors);
            evidence.addAll(steps);
            return Outcome.warn(summary + "; " + errors.size() + " pipeline file(s) cannot be parsed", "Fix the pipeline file CI cannot read.", evidence);
        }
        return Outcome.pass(summary, List.copyOf(steps));
    }
}
