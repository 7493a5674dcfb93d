package dev.preflight.checks.config;

import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;

class DockerfileCheckTest {
    @TempDir
    Path dir;

    @Test
    void passesOnAPinnedNonRootPythonImageAndSaysTheDigestIsTheBestPin() throws Exception {
        Outcome outcome = Fixtures.run(new DockerfileCheck(), "python-app");

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).contains(
                new Evidence.FileLine("Dockerfile", 4, "base image python:3.12-slim@sha256:2b0079146a74e23bf4ae8f6a28e1b484c6292f6fb904cbb51825b4a19812fcd8"
                        + " is pinned by digest (the best pin: the bytes cannot change)"),
                new Evidence.FileLine("Dockerfile", 17, "the final stage runs as app"),
                new Evidence.FileLine("Dockerfile", 19, "HEALTHCHECK is declared"),
                new Evidence.FileLine("Dockerfile", 21, "CMD uses the exec form"));
    }

    @Test
    void passesOnAMultiStageGoBuildShippedOnDistrolessNonroot() throws Exception {
        Outcome outcome = Fixtures.run(new DockerfileCheck(), "go-app");

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).contains(
                new Evidence.FileLine("Dockerfile", 2, "base image golang:1.22-bookworm is pinned by tag (a digest would pin it exactly)"),
                new Evidence.FileLine("Dockerfile", 12, "the final stage inherits the non-root user of gcr.io/distroless/static-debian12:nonroot"));
    }

    @Test
    void failsOnANodeImageThatRunsAsRootFromLatestWithBakedInSecrets() throws Exception {
        Outcome outcome = Fixtures.run(new DockerfileCheck(), "node-app");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("Dockerfile:1: base image node:latest uses the 'latest' tag (and 7 more findings in Dockerfile)");
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(
                "Dockerfile:1: base image node:latest uses the 'latest' tag",
                "Dockerfile:8: ADD downloads https://github.com/krallin/tini/releases/download/v0.19.0/tini without verifying a checksum",
                "Dockerfile:3: ENV SESSION_SECRET=kq8v… bakes a secret into the image (every layer and 'docker history' keep it)",
                "Dockerfile:4: ARG NPM_TOKEN=a1B2… bakes a secret into the image (every layer and 'docker history' keep it)",
                "Dockerfile:1: the final stage has no USER, so the container runs as root",
                "Dockerfile:6: ADD copies the local file package*.json; COPY says what it does",
                "Dockerfile:1: the final stage declares no HEALTHCHECK",
                "Dockerfile:11: CMD uses the shell form (/bin/sh -c does not pass SIGTERM on to the app): CMD node server.js");
        assertThat(outcome.evidence().toString()).doesNotContain("kq8vZ3nP", "a1B2c3D4e5");
        assertThat(outcome.remediation()).contains("USER app", "sha256", "--mount=type=secret", "exec form");
    }

    @Test
    void failsOnAnUntaggedBaseImageAndAnExplicitRootUser() throws Exception {
        write(dir, "Dockerfile", "FROM ubuntu\nRUN apt-get update\nUSER root\nHEALTHCHECK CMD [\"true\"]\nENTRYPOINT [\"/bin/app\"]\n");

        Outcome outcome = Fixtures.run(new DockerfileCheck(), dir);

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(
                "Dockerfile:1: base image ubuntu has no tag, so it means ubuntu:latest",
                "Dockerfile:3: the final stage runs as root: USER root");
    }

    @Test
    void warnsWhenOneDockerfileCannotBeParsedAndChecksTheOthers() throws Exception {
        write(dir, "Dockerfile", "FROM python:3.12-slim\nUSER 10001\nHEALTHCHECK CMD [\"true\"]\nCMD [\"python\", \"app.py\"]\n");
        write(dir, "worker/Dockerfile.prod", "FROM python:3.12-slim\nRUNN pip install celery\n");

        Outcome outcome = Fixtures.run(new DockerfileCheck(), dir);

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(outcome.summary()).isEqualTo("worker/Dockerfile.prod:2: cannot parse at 2:1: unknown instruction 'RUNN'");
    }

    @Test
    void errorsWhenNoDockerfileCanBeParsed() throws Exception {
        write(dir, "Dockerfile", "RUN echo before any FROM\n");

        Outcome outcome = Fixtures.run(new DockerfileCheck(), dir);

        assertThat(outcome.status()).isEqualTo(Status.ERROR);
        assertThat(outcome.evidence()).extracting(Evidence::describe)
                .containsExactly("Dockerfile:1: cannot parse at 1:1: RUN before the first FROM (only ARG may come first)");
    }

    @Test
    void isNotApplicableWithoutADockerfile() throws Exception {
        write(dir, "requirements.txt", "flask==3.0.3\n");

        Outcome outcome = Fixtures.run(new DockerfileCheck(), dir);

        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.isUnverified()).isFalse();
        assertThat(outcome.summary()).isEqualTo("no Dockerfile in the repository (stack: Python, Flask)");
    }
}
