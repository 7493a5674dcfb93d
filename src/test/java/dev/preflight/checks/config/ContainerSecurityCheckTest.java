package dev.preflight.checks.config;

import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;

class ContainerSecurityCheckTest {
    @TempDir
    Path dir;

    @Test
    void passesWhenComposeReferencesItsSecretsBindsTheDatabaseToLoopbackAndHasHealthchecks() throws Exception {
        Outcome outcome = Fixtures.run(new ContainerSecurityCheck(), "compose-good");

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("the containers run hardened (docker-compose.yml)");
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(
                "docker-compose.yml:20: service 'web' has a healthcheck",
                "docker-compose.yml:30: service 'db' publishes database port 5432 on 127.0.0.1 only",
                "docker-compose.yml:33: service 'db' has a healthcheck");
    }

    @Test
    void passesWhenEveryKubernetesContainerRunsAsNonRootReadOnlyAndTagged() throws Exception {
        Outcome outcome = Fixtures.run(new ContainerSecurityCheck(), "k8s-good");

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).extracting(Evidence::describe).contains(
                "deploy/api.yaml:38: Deployment/api container 'migrate' runs as non-root",
                "deploy/api.yaml:39: Deployment/api container 'migrate' has a read-only root filesystem",
                "deploy/api.yaml:33: Deployment/api container 'migrate' image registry.example.com/api:1.4.2",
                "deploy/api.yaml:82: CronJob/cleanup container 'cleanup' runs as non-root");
    }

    @Test
    void failsOnALiteralSecretAndAnOpenDatabasePortMaskingTheValue() throws Exception {
        Outcome outcome = Fixtures.run(new ContainerSecurityCheck(), "compose-bad");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(
                "docker-compose.yml:7: service 'app' sets JWT_SECRET to a literal value (9f8e…)",
                "docker-compose.yml:16: service 'redis' publishes database port 6379 on all interfaces (6379:6379)",
                "docker-compose.yml:3: service 'app' has no healthcheck",
                "docker-compose.yml:12: service 'redis' has no healthcheck");
        assertThat(outcome.toString()).doesNotContain("9f8e7d6c5b4a");
        assertThat(outcome.remediation()).contains("${DB_PASSWORD}", "127.0.0.1:5432:5432");
    }

    @Test
    void failsOnADatabaseUrlWithALiteralPasswordButNotOnAReferencedOne() throws Exception {
        write(dir, "compose.yaml", """
                services:
                  api:
                    image: api:1.0
                    environment:
                      DATABASE_URL: postgres://app:hunter2hunter2@db:5432/app
                      CACHE_URL: redis://:${REDIS_PASSWORD}@cache:6379/0
                      TOKEN_TTL: "3600"
                      SECRET_KEY_FILE: /run/secrets/key
                    healthcheck:
                      test: ["CMD", "true"]
                """);

        Outcome outcome = Fixtures.run(new ContainerSecurityCheck(), dir);

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(
                "compose.yaml:5: service 'api' sets DATABASE_URL to a URL with a literal password (postgres://app:hun…@db:5432/app)");
    }

    @Test
    void failsOnRootLatestAndUntaggedKubernetesContainers() throws Exception {
        Outcome outcome = Fixtures.run(new ContainerSecurityCheck(), "k8s-bad");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).extracting(Evidence::describe).contains(
                "k8s/worker.yaml:22: Deployment/worker container 'worker' sets runAsNonRoot: false",
                "k8s/worker.yaml:15: Deployment/worker container 'worker' image registry.example.com/worker has no tag (pulls latest)",
                "k8s/worker.yaml:22: Deployment/worker container 'worker' has a writable root filesystem (no readOnlyRootFilesystem: true)",
                "k8s/worker.yaml:32: Pod/debug container 'shell' may run as root (no runAsNonRoot)",
                "k8s/worker.yaml:33: Pod/debug container 'shell' image busybox:latest uses the latest tag");
    }

    @Test
    void warnsWhenOnlyHealthchecksAreMissing() throws Exception {
        write(dir, "compose.yaml", "services:\n  api:\n    image: api:1.0\n    ports: [\"8000:8000\"]\n");

        Outcome outcome = Fixtures.run(new ContainerSecurityCheck(), dir);

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(outcome.summary()).isEqualTo("compose.yaml:2: service 'api' has no healthcheck");
    }

    @Test
    void aRegistryPortIsNotATag() {
        assertThat(ContainerSecurityCheck.tag("registry:5000/api")).isEmpty();
        assertThat(ContainerSecurityCheck.tag("registry:5000/api:2.0@sha256:abc")).contains("2.0");
    }

    @Test
    void isNotApplicableWithoutContainers() throws Exception {
        write(dir, "go.mod", "module example.com/api\n");

        Outcome outcome = Fixtures.run(new ContainerSecurityCheck(), dir);

        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.summary()).isEqualTo("no docker-compose file or Kubernetes manifest in the repository (stack: Go)");
    }
}
