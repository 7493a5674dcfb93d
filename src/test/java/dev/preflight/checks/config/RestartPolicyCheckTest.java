package dev.preflight.checks.config;

import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;

class RestartPolicyCheckTest {
    @TempDir
    Path dir;

    @Test
    void passesWhenServicesInheritRestartFromAnAnchor() throws Exception {
        Outcome outcome = Fixtures.run(new RestartPolicyCheck(), "compose-good");

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(
                "docker-compose.yml:2: service 'web' restart: unless-stopped",
                "docker-compose.yml:2: service 'db' restart: unless-stopped");
    }

    @Test
    void passesOnKubernetesControllers() throws Exception {
        Outcome outcome = Fixtures.run(new RestartPolicyCheck(), "k8s-good");

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(
                "deploy/api.yaml:13: Deployment/api restarts its pods (controllers always use restartPolicy Always)",
                "deploy/api.yaml:63: CronJob/cleanup runs to completion; restartPolicy OnFailure");
    }

    @Test
    void failsOnAServiceWithoutRestartAndWarnsOnRestartNo() throws Exception {
        Outcome outcome = Fixtures.run(new RestartPolicyCheck(), "compose-bad");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(
                "docker-compose.yml:3: service 'app' has no restart policy, so it stays down after a crash or reboot",
                "docker-compose.yml:14: service 'redis' is set never to restart (no)");
        assertThat(outcome.remediation()).contains("restart: unless-stopped");
    }

    @Test
    void failsOnABarePodThatNeverRestarts() throws Exception {
        Outcome outcome = Fixtures.run(new RestartPolicyCheck(), "k8s-bad");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("k8s/worker.yaml:30: Pod/debug has restartPolicy: Never");
    }

    @Test
    void readsTheSwarmRestartPolicyWithItsDefaultCondition() throws Exception {
        write(dir, "docker-compose.prod.yml", "services:\n  api:\n    image: api:1.0\n    deploy:\n      restart_policy:\n        max_attempts: 3\n");

        Outcome outcome = Fixtures.run(new RestartPolicyCheck(), dir);

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly("docker-compose.prod.yml:6: service 'api' restart: any");
    }

    @Test
    void leavesSystemdUnitsToTheServiceUnitsCheck() throws Exception {
        write(dir, "deploy/app.service", "[Service]\nExecStart=/usr/bin/app\n");

        Outcome outcome = Fixtures.run(new RestartPolicyCheck(), dir);

        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.isUnverified()).isFalse();
        assertThat(outcome.summary()).isEqualTo("no docker-compose file or Kubernetes manifest in the repository (stack: systemd)");
    }
}
