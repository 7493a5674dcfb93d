package dev.preflight.checks.config;

import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;

class ContainerLimitsCheckTest {
    @TempDir
    Path dir;

    @Test
    void passesWhenEveryComposeServiceHasLimitsInEitherSpelling() throws Exception {
        Outcome outcome = Fixtures.run(new ContainerLimitsCheck(), "compose-good");

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("every container has a memory and a CPU limit (docker-compose.yml)");
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(
                "docker-compose.yml:18: service 'web' memory limit 512M",
                "docker-compose.yml:19: service 'web' CPU limit 1.0",
                "docker-compose.yml:31: service 'db' memory limit 1g",
                "docker-compose.yml:32: service 'db' CPU limit 2");
    }

    @Test
    void passesWhenEveryKubernetesContainerHasRequestsAndLimits() throws Exception {
        Outcome outcome = Fixtures.run(new ContainerLimitsCheck(), "k8s-good");

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(
                "deploy/api.yaml:37: Deployment/api container 'migrate' memory limit 256Mi",
                "deploy/api.yaml:51: Deployment/api container 'api' memory limit 512Mi",
                "deploy/api.yaml:81: CronJob/cleanup container 'cleanup' memory limit 128Mi");
    }

    @Test
    void failsOnComposeServicesWithoutAMemoryLimit() throws Exception {
        Outcome outcome = Fixtures.run(new ContainerLimitsCheck(), "compose-bad");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(
                "docker-compose.yml:3: service 'app' has no memory limit",
                "docker-compose.yml:12: service 'redis' has no memory limit",
                "docker-compose.yml:12: service 'redis' has no CPU limit");
        assertThat(outcome.remediation()).contains("mem_limit");
    }

    @Test
    void failsOnAKubernetesContainerWithACpuLimitOnly() throws Exception {
        Outcome outcome = Fixtures.run(new ContainerLimitsCheck(), "k8s-bad");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).extracting(Evidence::describe).contains(
                "k8s/worker.yaml:16: Deployment/worker container 'worker' has no memory limit",
                "k8s/worker.yaml:16: Deployment/worker container 'worker' has no cpu request",
                "k8s/worker.yaml:16: Deployment/worker container 'worker' has no memory request");
    }

    @Test
    void warnsWhenOnlyTheCpuLimitIsMissing() throws Exception {
        write(dir, "compose.yaml", "services:\n  api:\n    image: api:1.0\n    mem_limit: 256m\n");

        Outcome outcome = Fixtures.run(new ContainerLimitsCheck(), dir);

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(outcome.summary()).isEqualTo("compose.yaml:2: service 'api' has no CPU limit");
    }

    @Test
    void errorsWithTheLineAndColumnWhenTheOnlyComposeFileIsNotYaml() throws Exception {
        Outcome outcome = Fixtures.run(new ContainerLimitsCheck(), "broken-yaml");

        assertThat(outcome.status()).isEqualTo(Status.ERROR);
        assertThat(outcome.evidence()).extracting(Evidence::describe)
                .containsExactly("docker-compose.yml:5: cannot parse at 5:11: mapping values are not allowed here");
    }

    @Test
    void isUnverifiedWhenTheRepositoryBuildsAnImageButDoesNotSayHowItRuns() throws Exception {
        Outcome outcome = Fixtures.run(new ContainerLimitsCheck(), "python-app");

        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.isUnverified()).isTrue();
    }

    @Test
    void isNotApplicableWithoutContainers() throws Exception {
        write(dir, "go.mod", "module example.com/api\n");

        Outcome outcome = Fixtures.run(new ContainerLimitsCheck(), dir);

        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.summary()).isEqualTo("no docker-compose file or Kubernetes manifest in the repository (stack: Go)");
    }
}
