package dev.preflight.checks.repo;

import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.CheckContext;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Status;
import dev.preflight.collect.RepoSnapshot;

class CiCheckTest {
    static final String WORKFLOW = """
            name: CI
            on:
              push:
                branches: [main]
              pull_request:
            jobs:
              test:
                runs-on: ubuntu-latest
                strategy:
                  matrix:
                    python-version: ["3.11", "3.12"]
                steps:
                  - uses: actions/checkout@v4
                  - uses: actions/setup-python@v5
                    with:
                      python-version: ${{ matrix.python-version }}
                  - name: Install
                    run: |
                      python -m pip install --upgrade pip
                      pip install -r requirements.txt pytest
                  - name: Test
                    run: pytest -q --maxfail=1
            """;

    @TempDir
    Path dir;

    private Outcome check() {
        return new CiCheck().run(new CheckContext(Params.NONE, "CI/CD pipeline - TODO: Add GitHub Actions", new RepoSnapshot(dir), null, false));
    }

    @Test
    void passesOnAGithubWorkflowThatRunsPytest() throws Exception {
        write(dir, ".github/workflows/ci.yml", WORKFLOW);

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("CI runs the tests: .github/workflows/ci.yml:22: pytest -q --maxfail=1");
        assertThat(outcome.evidence()).containsExactly(new Evidence.FileLine(".github/workflows/ci.yml", 22, "pytest -q --maxfail=1"));
    }

    @Test
    void failsWithoutAPipeline() throws Exception {
        write(dir, "app.py", "print('hi')\n");

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("no CI pipeline in the repository");
    }

    @Test
    void failsOnAPipelineThatOnlyLints() throws Exception {
        write(dir, ".github/workflows/lint.yml", "on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - uses: actions/checkout@v4\n      - run: pip install ruff pytest\n      - run: ruff check .\n");

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).containsExactly(new Evidence.FileLine(".github/workflows/lint.yml", 0, "no step runs a test suite"));
    }

    @Test
    void warnsWhenOneWorkflowRunsTestsAndAnotherCannotBeParsed() throws Exception {
        write(dir, ".github/workflows/ci.yml", WORKFLOW);
        write(dir, ".github/workflows/deploy.yml", "on: push\njobs: [\n");

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(outcome.evidence().getFirst().describe()).startsWith(".github/workflows/deploy.yml:3: cannot parse at 3:");
    }
}
