package dev.preflight.checks.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.CheckContext;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Status;
import dev.preflight.collect.RepoSnapshot;

class RateLimitCheckTest {
    @TempDir
    Path dir;

    private void write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Outcome run() {
        return new RateLimitCheck().run(new CheckContext(Params.NONE, "Review rate limiting settings", new RepoSnapshot(dir), null, false));
    }

    @Test
    void passesWithNginxLimitReqAndItsZone() throws IOException {
        write("deploy/nginx/nginx.conf", "http {\n    limit_req_zone $binary_remote_addr zone=api:10m rate=10r/s;\n    include sites/*.conf;\n}\n");
        write("deploy/nginx/sites/app.conf", "server {\n    location /api/ {\n        limit_req zone=api burst=20 nodelay;\n    }\n}\n");

        Outcome outcome = run();

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).extracting(Evidence::describe)
                .containsExactly("deploy/nginx/sites/app.conf:3: nginx: limit_req zone=api burst=20 nodelay;");
    }

    @Test
    void passesWithFlaskLimiterApplied() throws IOException {
        write("requirements.txt", "Flask==3.0.3\nFlask-Limiter==3.8.0\n");
        write("app.py", """
                from flask import Flask
                from flask_limiter import Limiter
                from flask_limiter.util import get_remote_address

                app = Flask(__name__)
                limiter = Limiter(get_remote_address, app=app, default_limits=["100 per minute"])
                """);

        Outcome outcome = run();

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).contains("app.py:6: Flask-Limiter: limiter = Limiter(");
    }

    @Test
    void failsWhenExpressRateLimitIsInstalledButNeverApplied() throws IOException {
        write("package.json", "{\n  \"dependencies\": {\n    \"express\": \"^4.19.2\",\n    \"express-rate-limit\": \"^7.4.0\"\n  }\n}\n");
        write("server.js", "const express = require('express');\nconst app = express();\napp.listen(3000);\n");
        write("test/limit.test.js", "const rateLimit = require('express-rate-limit');\nrateLimit({ limit: 1 });\n");

        Outcome outcome = run();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).extracting(Evidence::describe)
                .containsExactly("package.json:4: express-rate-limit is declared but not applied");
    }

    @Test
    void failsWhenNothingLimitsRequests() throws IOException {
        write("requirements.txt", "fastapi==0.115.0\n");
        write("main.py", "from fastapi import FastAPI\napp = FastAPI()\n");

        Outcome outcome = run();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("no rate limit found: no nginx limit_req and no framework limiter");
    }
}
