package dev.preflight.checks.config;

import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;

class WorkersCheckTest {
    private static final Map<String, String> TWO_TO_FOUR = Map.of("minCount", "2", "maxCount", "4");

    @TempDir
    Path dir;

    @Test
    void passesOnACpuCountFormulaAndAFixedCountSomeHostFits() throws Exception {
        write(dir, "requirements.txt", "gunicorn==21.2.0\n");
        write(dir, "gunicorn.conf.py", "import multiprocessing\n\nbind = '0.0.0.0:8000'\nworkers = multiprocessing.cpu_count() * 2 + 1\n");
        write(dir, "Procfile", "web: gunicorn proj.wsgi --workers=6 --timeout 60\n");

        Outcome outcome = Run.check(new WorkersCheck(), dir, "Configure Gunicorn with 2-4 workers per CPU core", TWO_TO_FOUR);

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).containsExactly(
                new Evidence.FileLine("gunicorn.conf.py", 4, "workers = multiprocessing.cpu_count() * 2 + 1 (2 per core + 1)"),
                new Evidence.FileLine("Procfile", 1, "web: gunicorn proj.wsgi --workers=6 --timeout 60 (6 worker(s))"));
    }

    @Test
    void failsOnOneWorkerAndOnTooManyPerCore() throws Exception {
        write(dir, "gunicorn.conf.py", "workers = multiprocessing.cpu_count() * 8\n");
        write(dir, "Dockerfile", "FROM python:3.12-slim\nCMD [\"uvicorn\", \"main:app\", \"--workers\", \"1\"]\n");
        write(dir, "deploy/app.service", "[Service]\nExecStart=/srv/venv/bin/gunicorn -w 1 proj.wsgi\n");

        Outcome outcome = Run.check(new WorkersCheck(), dir, "Configure Gunicorn with 2-4 workers per CPU core", TWO_TO_FOUR);

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(
                "gunicorn.conf.py:1: workers = multiprocessing.cpu_count() * 8 (8 per core)",
                "Dockerfile:2: CMD [\"uvicorn\", \"main:app\", \"--workers\", \"1\"] (1 worker(s))",
                "deploy/app.service:2: ExecStart=/srv/venv/bin/gunicorn -w 1 proj.wsgi (1 worker(s))");
    }

    @Test
    void failsWhenGunicornRunsWithTheDefaultSingleWorker() throws Exception {
        write(dir, "requirements.txt", "gunicorn==21.2.0\n");
        write(dir, "Procfile", "web: gunicorn proj.wsgi\n");

        Outcome outcome = Run.check(new WorkersCheck(), dir, "Tune Gunicorn worker count");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("no worker count is set");
    }

    @Test
    void passesOnTheDjangoFixtureAndFailsOnTheFlaskOne() throws Exception {
        assertThat(Run.check(new WorkersCheck(), Run.fixture("django-good"), "Configure Gunicorn with 2-4 workers per CPU core", TWO_TO_FOUR)
                .status()).isEqualTo(Status.PASS);
        assertThat(Run.check(new WorkersCheck(), Run.fixture("flask-bad"), "Configure Gunicorn with 2-4 workers per CPU core", TWO_TO_FOUR)
                .summary()).isEqualTo("2 worker counts outside 2-4 workers per CPU core");
    }
}
