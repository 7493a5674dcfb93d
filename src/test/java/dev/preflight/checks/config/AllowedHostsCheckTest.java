package dev.preflight.checks.config;

import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;

class AllowedHostsCheckTest {
    @TempDir
    Path dir;

    @Test
    void passesWithNamedHostsFollowedToCompose() throws Exception {
        write(dir, "proj/settings.py", "import os\nALLOWED_HOSTS = os.environ['ALLOWED_HOSTS'].split(',')\n");
        write(dir, "docker-compose.yml", "services:\n  web:\n    environment:\n      - ALLOWED_HOSTS=api.example.com,www.example.com\n");

        Outcome outcome = Run.check(new AllowedHostsCheck(), dir, "Configure ALLOWED_HOSTS with your domain(s)");

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).contains(new Evidence.FileLine("docker-compose.yml", 4, "ALLOWED_HOSTS=api.example.com,www.example.com"));
    }

    @Test
    void failsOnWildcardAndOnStarletteTrustedHostStar() throws Exception {
        write(dir, "proj/settings.py", "ALLOWED_HOSTS = ['*']\n");
        write(dir, "main.py", """
                from fastapi import FastAPI
                from starlette.middleware.trustedhost import TrustedHostMiddleware
                app = FastAPI()
                app.add_middleware(
                    TrustedHostMiddleware, allowed_hosts=["*"]
                )
                """);

        Outcome outcome = Run.check(new AllowedHostsCheck(), dir, "Configure ALLOWED_HOSTS with your domain(s)");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).containsExactly(
                new Evidence.FileLine("proj/settings.py", 1, "ALLOWED_HOSTS = ['*']"),
                new Evidence.FileLine("main.py", 5, "TrustedHostMiddleware allowed_hosts=[\"*\"]"));
    }

    @Test
    void failsWhenDjangoLeavesItEmpty() throws Exception {
        write(dir, "proj/settings.py", "DEBUG = False\n");

        assertThat(Run.check(new AllowedHostsCheck(), dir, "allowed hosts").summary())
                .isEqualTo("allowed hosts: proj/settings.py: ALLOWED_HOSTS is not set (Django's default is empty)");
    }

    @Test
    void passesOnTheDjangoFixtureAndFailsOnTheFastApiOne() throws Exception {
        Outcome django = Run.check(new AllowedHostsCheck(), Run.fixture("django-good"), "Configure ALLOWED_HOSTS with your domain(s)");
        Outcome fastapi = Run.check(new AllowedHostsCheck(), Run.fixture("fastapi-bad"), "trusted hosts");

        assertThat(django.status()).isEqualTo(Status.PASS);
        assertThat(django.evidence()).contains(new Evidence.FileLine(".env.production", 2, "DJANGO_ALLOWED_HOSTS=api.example.com,www.example.com"));
        assertThat(fastapi.summary()).isEqualTo("allowed hosts: main.py:14: TrustedHostMiddleware allowed_hosts=[\"*\"]");
    }
}
