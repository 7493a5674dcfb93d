package dev.preflight.checks.config;

import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;

class DebugOffCheckTest {
    @TempDir
    Path dir;

    @Test
    void passesWhenDebugComesFromAnEnvironmentThatTurnsItOff() throws Exception {
        write(dir, "requirements.txt", "Django==4.2.7\ngunicorn==21.2.0\n");
        write(dir, "proj/settings.py", "import os\nDEBUG = os.environ.get('DEBUG', 'False') == 'True'\n");
        write(dir, ".env.production", "DEBUG=False\n");
        write(dir, ".env.dev", "DEBUG=True\n");
        write(dir, "Dockerfile", "FROM python:3.12-slim\nCMD [\"gunicorn\", \"proj.wsgi\", \"-w\", \"4\"]\n");

        Outcome outcome = Run.check(new DebugOffCheck(), dir, "Set DEBUG=False");

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).containsExactly(
                new Evidence.FileLine("proj/settings.py", 2, "DEBUG = os.environ.get('DEBUG', 'False') == 'True'"),
                new Evidence.FileLine(".env.production", 1, "DEBUG=False"));
    }

    @Test
    void failsOnFlaskDebugRunEnvAndReloadInProduction() throws Exception {
        write(dir, "requirements.txt", "flask==3.0.0\nuvicorn\n");
        write(dir, "app.py", """
                from flask import Flask
                app = Flask(__name__)

                if __name__ == "__main__":
                    app.run(host="0.0.0.0", debug=True)
                """);
        write(dir, "docker-compose.yml", """
                services:
                  web:
                    command: uvicorn main:app --host 0.0.0.0 --reload
                    environment:
                      FLASK_ENV: development
                """);

        Outcome outcome = Run.check(new DebugOffCheck(), dir, "Set FLASK_ENV=production");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).containsExactly(
                new Evidence.FileLine("app.py", 5, "app.run(host=\"0.0.0.0\", debug=True)"),
                new Evidence.FileLine("docker-compose.yml", 5, "FLASK_ENV=development"),
                new Evidence.FileLine("docker-compose.yml", 3, "command: uvicorn main:app --host 0.0.0.0 --reload"));
    }

    @Test
    void failsWhenDebugDefaultsToOnAndNothingSetsIt() throws Exception {
        write(dir, "proj/settings.py", "import environ\nenv = environ.Env()\nDEBUG = env.bool('DJANGO_DEBUG', default=True)\n");

        Outcome outcome = Run.check(new DebugOffCheck(), dir, "Set DEBUG=False");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).contains("debug is on when DJANGO_DEBUG is unset");
    }

    @Test
    void warnsWhenExpressNeverSetsNodeEnv() throws Exception {
        write(dir, "package.json", "{\"dependencies\": {\"express\": \"^4.19.2\"}, \"scripts\": {\"start\": \"node server.js\"}}\n");
        write(dir, "server.js", "const express = require('express');\n");

        Outcome outcome = Run.check(new DebugOffCheck(), dir, "NODE_ENV=production");

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        write(dir, "Dockerfile", "FROM node:20\nENV NODE_ENV=production\nCMD [\"node\", \"server.js\"]\n");
        assertThat(Run.check(new DebugOffCheck(), dir, "NODE_ENV=production").status()).isEqualTo(Status.PASS);
    }

    @Test
    void passesOnTheDjangoFixtureAndFailsOnTheFlaskAndFastApiOnes() throws Exception {
        assertThat(Run.check(new DebugOffCheck(), Run.fixture("django-good"), "Set DEBUG=False").status()).isEqualTo(Status.PASS);

        Outcome flask = Run.check(new DebugOffCheck(), Run.fixture("flask-bad"), "Set FLASK_ENV=production");
        Outcome fastapi = Run.check(new DebugOffCheck(), Run.fixture("fastapi-bad"), "debug mode off");

        assertThat(flask.summary()).isEqualTo("6 places turn debug or reload on");
        assertThat(fastapi.evidence()).containsExactly(new Evidence.FileLine("Dockerfile", 5,
                "CMD [\"uvicorn\", \"main:app\", \"--host\", \"0.0.0.0\", \"--port\", \"8000\", \"--reload\"]"));
    }

    @Test
    void failsOnTheReadableFilesAndNotesTheOneThatCannotBeParsed() throws Exception {
        write(dir, "requirements.txt", "flask==3.0.0\n");
        write(dir, "docker-compose.yml", "services:\n  web:\n    environment: [FLASK_DEBUG=1\n");
        write(dir, ".env.production", "FLASK_DEBUG=1\n");

        Outcome outcome = Run.check(new DebugOffCheck(), dir, "Set FLASK_DEBUG=0");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).first().isEqualTo(new Evidence.FileLine(".env.production", 1, "FLASK_DEBUG=1"));
        assertThat(outcome.evidence()).last().asString().contains("docker-compose.yml: cannot parse at 4:1");
    }

    @Test
    void failsOnAProductionConfigClassButNotOnTheDevelopmentOne() throws Exception {
        write(dir, "requirements.txt", "flask==3.0.0\n");
        write(dir, "config.py", """
                class Config:
                    TESTING = False


                class DevelopmentConfig(Config):
                    DEBUG = True


                class ProductionConfig(Config):
                    DEBUG = True
                """);

        Outcome outcome = Run.check(new DebugOffCheck(), dir, "debug mode is off");

        assertThat(outcome.evidence()).containsExactly(new Evidence.FileLine("config.py", 10, "DEBUG = True"));
    }
}
