package dev.preflight.checks.config;

import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;

class CorsCheckTest {
    @TempDir
    Path dir;

    @Test
    void passesOnNamedOriginsInDjangoAndFastApi() throws Exception {
        write(dir, "proj/settings.py", "CORS_ALLOWED_ORIGINS = [\n    'https://app.example.com',\n]\nCORS_ALLOW_ALL_ORIGINS = False\n");
        write(dir, "api/main.py", """
                from fastapi import FastAPI
                from fastapi.middleware.cors import CORSMiddleware

                app = FastAPI()
                app.add_middleware(
                    CORSMiddleware,
                    allow_origins=settings.cors_origins,
                    allow_credentials=True,
                    allow_methods=["*"],
                    allow_headers=["*"],
                )
                """);

        Outcome outcome = Run.check(new CorsCheck(), dir, "CORS configuration - Configurable origins");

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).hasSize(3);
    }

    @Test
    void failsOnWildcardsInEveryFramework() throws Exception {
        write(dir, "main.py", """
                app.add_middleware(
                    CORSMiddleware,
                    allow_origins=["*"],
                    allow_credentials=True,
                )
                """);
        write(dir, "flask_app.py", "from flask_cors import CORS\nCORS(app)\n");
        write(dir, "proj/settings.py", "CORS_ORIGIN_ALLOW_ALL = True\n");
        write(dir, "server.js", "const cors = require('cors');\napp.use(cors());\napp.use('/api', cors({ origin: true, credentials: true }));\n");
        write(dir, ".env.production", "CORS_ORIGINS=*\n");

        Outcome outcome = Run.check(new CorsCheck(), dir, "CORS middleware - Cross-origin requests");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(
                "proj/settings.py:1: CORS_ORIGIN_ALLOW_ALL = True",
                "main.py:1: add_middleware(CORSMiddleware, allow_origins=[\"*\"], allow_credentials=True,) (any origin with credentials)",
                "flask_app.py:2: CORS(app) (no origins: Flask-CORS allows any origin)",
                "server.js:2: cors() (no options: any origin)",
                "server.js:3: cors({ origin: true, credentials: true })",
                ".env.production:1: CORS_ORIGINS=*");
    }

    @Test
    void skipsWithoutAnyCorsConfiguration() throws Exception {
        write(dir, "app.py", "from flask import Flask\n");

        assertThat(Run.check(new CorsCheck(), dir, "CORS settings").status()).isEqualTo(Status.SKIP);
    }

    @Test
    void passesOnTheDjangoFixtureAndFailsOnTheFastApiAndFlaskOnes() throws Exception {
        assertThat(Run.check(new CorsCheck(), Run.fixture("django-good"), "Set CORS_ALLOWED_ORIGINS to your frontend domain only").status())
                .isEqualTo(Status.PASS);
        assertThat(Run.check(new CorsCheck(), Run.fixture("fastapi-bad"), "CORS middleware").summary()).endsWith("(any origin with credentials)");
        assertThat(Run.check(new CorsCheck(), Run.fixture("flask-bad"), "CORS settings").status()).isEqualTo(Status.FAIL);
    }
}
