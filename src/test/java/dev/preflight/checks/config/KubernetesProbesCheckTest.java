package dev.preflight.checks.config;

import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;

class KubernetesProbesCheckTest {
    @TempDir
    Path dir;

    @Test
    void passesWithDistinctProbesAndThreeReplicas() throws Exception {
        Outcome outcome = Fixtures.run(new KubernetesProbesCheck(), "k8s-good");

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(
                "deploy/api.yaml:19: Deployment/api runs 3 replicas",
                "deploy/api.yaml:52: Deployment/api container 'api' has distinct readiness and liveness probes");
    }

    @Test
    void failsWhenReadinessAndLivenessAreTheSameProbe() throws Exception {
        Outcome outcome = Fixtures.run(new KubernetesProbesCheck(), "k8s-bad");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(
                "k8s/worker.yaml:21: Deployment/worker container 'worker' uses the same probe for readiness and liveness",
                "k8s/worker.yaml:32: Pod/debug container 'shell' has no readinessProbe",
                "k8s/worker.yaml:6: Deployment/worker runs 1 replica",
                "k8s/worker.yaml:32: Pod/debug container 'shell' has no livenessProbe");
    }

    @Test
    void warnsOnADeploymentThatLeavesReplicasOut() throws Exception {
        write(dir, "k8s/api.yml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: api}
                spec:
                  template:
                    spec:
                      containers:
                        - name: api
                          image: api:1.0
                          readinessProbe: {httpGet: {path: /ready, port: 80}}
                          livenessProbe: {httpGet: {path: /live, port: 80}}
                """);

        Outcome outcome = Fixtures.run(new KubernetesProbesCheck(), dir);

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(outcome.summary()).isEqualTo("k8s/api.yml:2: Deployment/api runs 1 replica (replicas not set)");
    }

    @Test
    void isNotApplicableWithComposeOnly() throws Exception {
        Outcome outcome = Fixtures.run(new KubernetesProbesCheck(), "compose-good");

        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.summary()).startsWith("no Kubernetes manifest in the repository");
    }
}
