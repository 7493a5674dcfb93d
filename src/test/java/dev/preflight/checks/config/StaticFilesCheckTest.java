package dev.preflight.checks.config;

import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;

class StaticFilesCheckTest {
    @TempDir
    Path dir;

    @Test
    void passesWhenStaticRootIsTheNamedFolderAndTheDockerfileCollects() throws Exception {
        write(dir, "proj/settings.py", "BASE_DIR = Path(__file__).resolve().parent.parent\nSTATIC_URL = '/static/'\nSTATIC_ROOT = BASE_DIR / 'staticfiles'\n");
        write(dir, "Dockerfile", "FROM python:3.12-slim\nRUN python manage.py collectstatic --noinput\n");

        Outcome outcome = Run.check(new StaticFilesCheck(), dir, "Verify static files collected to staticfiles/");

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).contains(new Evidence.FileLine("Dockerfile", 2, "RUN python manage.py collectstatic --noinput"));
    }

    @Test
    void failsWithoutStaticRootOrInTheWrongFolder() throws Exception {
        write(dir, "proj/settings.py", "STATIC_URL = '/static/'\n");

        assertThat(Run.check(new StaticFilesCheck(), dir, "Run python manage.py collectstatic").status()).isEqualTo(Status.FAIL);

        write(dir, "proj/settings.py", "STATIC_ROOT = '/var/www/static'\n");
        Outcome outcome = Run.check(new StaticFilesCheck(), dir, "Verify static files collected to staticfiles/");
        assertThat(outcome.summary()).isEqualTo("proj/settings.py:1: STATIC_ROOT = '/var/www/static' (not staticfiles/)");
    }

    @Test
    void warnsWhenNothingRunsCollectstatic() throws Exception {
        write(dir, "proj/settings.py", "STATIC_ROOT = '/srv/static'\n");

        assertThat(Run.check(new StaticFilesCheck(), dir, "Collect static files").status()).isEqualTo(Status.WARN);
    }

    @Test
    void passesOnTheDjangoFixtureProject() throws Exception {
        Outcome outcome = Run.check(new StaticFilesCheck(), Run.fixture("django-good"), "Verify static files collected to staticfiles/");

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).contains(new Evidence.Note("served by WhiteNoise or an nginx location /static"));
    }
}
