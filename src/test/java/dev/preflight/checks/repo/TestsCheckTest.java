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

class TestsCheckTest {
    @TempDir
    Path dir;

    private Outcome check(String item) {
        return new TestsCheck().run(new CheckContext(Params.NONE, item, new RepoSnapshot(dir), null, false));
    }

    private void pythonSuite() throws Exception {
        write(dir, "requirements.txt", "fastapi==0.111.0\n");
        write(dir, "tests/test_api.py", "def test_health(client):\n    assert client.get('/health').status_code == 200\n\n"
                + "async def test_predict(client):\n    pass\n");
        write(dir, "tests/conftest.py", "import pytest\n");
        write(dir, "web/src/upload.test.ts", "test('rejects big files', () => {});\nit('accepts png', () => {});\n");
    }

    @Test
    void passesWhenTestsExistAndCiRunsThemAndSaysThePassCountIsNotVerified() throws Exception {
        pythonSuite();
        write(dir, ".github/workflows/ci.yml", CiCheckTest.WORKFLOW);

        Outcome outcome = check("All tests passing - 13/13 tests pass");

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("2 test file(s), 4 test case(s); CI runs them (.github/workflows/ci.yml:22: pytest -q --maxfail=1)");
        assertThat(outcome.evidence()).contains(
                new Evidence.Note("the item's '13/13' is not verified from the repository: a CI run's result is what shows it"));
    }

    @Test
    void warnsWhenNoCiRunsTheTests() throws Exception {
        pythonSuite();

        Outcome outcome = check("All tests passing");

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(outcome.summary()).isEqualTo("2 test file(s), 4 test case(s), but no CI pipeline runs them: nothing in the repository shows they pass");
    }

    @Test
    void failsWithoutTests() throws Exception {
        write(dir, "go.mod", "module example.com/api\n");
        write(dir, "main.go", "package main\n");
        write(dir, "testdata/sample.json", "{}\n");
        write(dir, "xpath/patterns/NodeTest.java", "public class NodeTest extends StepPattern {}\n");

        Outcome outcome = check("Unit tests");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("no tests in the repository (stack: Go)");
    }

    @Test
    void countsGoAndJavaTests() throws Exception {
        write(dir, "api/handler_test.go", "package api\n\nfunc TestHealth(t *testing.T) {}\nfunc TestReady(t *testing.T) {}\n");
        write(dir, "src/test/java/app/AppTest.java", "class AppTest {\n  @Test\n  void starts() {}\n}\n");

        Outcome outcome = check("Unit tests");

        assertThat(outcome.summary()).startsWith("2 test file(s), 3 test case(s)");
    }
}
