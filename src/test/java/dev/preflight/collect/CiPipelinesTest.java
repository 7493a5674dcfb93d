package dev.preflight.collect;

import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;

class CiPipelinesTest {
    @TempDir
    Path dir;

    @Test
    void findsTestStepsInGitlabCircleAndJenkins() throws Exception {
        write(dir, ".gitlab-ci.yml", "stages: [test]\ntest:\n  stage: test\n  image: golang:1.22\n  script:\n    - go vet ./...\n    - go test -race ./...\n");
        write(dir, ".circleci/config.yml", "version: 2.1\njobs:\n  build:\n    steps:\n      - checkout\n      - run:\n          name: tests\n"
                + "          command: ./mvnw -B verify\n");
        write(dir, "Jenkinsfile", "pipeline {\n  stages {\n    stage('Test') {\n      steps {\n        sh 'npm ci && npm test'\n      }\n    }\n  }\n}\n");

        List<CiPipelines.Pipeline> pipelines = CiPipelines.find(new RepoSnapshot(dir));

        assertThat(pipelines).flatExtracting(CiPipelines.Pipeline::testSteps).containsExactlyInAnyOrder(
                new Evidence.FileLine(".gitlab-ci.yml", 7, "go test -race ./..."),
                new Evidence.FileLine(".circleci/config.yml", 8, "./mvnw -B verify"),
                new Evidence.FileLine("Jenkinsfile", 5, "sh 'npm ci && npm test'"));
    }

    @Test
    void installingARunnerOrSkippingTestsIsNotATestStep() {
        assertThat(CiPipelines.runsTests("pip install pytest tox")).isFalse();
        assertThat(CiPipelines.runsTests("mvn -B -DskipTests package")).isFalse();
        assertThat(CiPipelines.runsTests("npm ci")).isFalse();
        assertThat(CiPipelines.runsTests("python -m pytest -q tests/")).isTrue();
        assertThat(CiPipelines.runsTests("pip install -r requirements.txt && pytest")).isTrue();
        assertThat(CiPipelines.runsTests("./gradlew test")).isTrue();
        assertThat(CiPipelines.runsTests("python manage.py test")).isTrue();
    }

    @Test
    void reportsAWorkflowItCannotParse() throws Exception {
        write(dir, ".github/workflows/ci.yml", "on: push\njobs:\n  test:\n    steps:\n      - run: pytest\n     - run: flake8\n");

        List<CiPipelines.Pipeline> pipelines = CiPipelines.find(new RepoSnapshot(dir));

        assertThat(pipelines).singleElement().satisfies(p -> {
            assertThat(p.testSteps()).isEmpty();
            assertThat(p.error().line()).isEqualTo(6);
            assertThat(p.error().excerpt()).startsWith("cannot parse at 6:");
        });
    }
}
