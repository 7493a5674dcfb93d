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

class UploadLimitCheckTest {
    @TempDir
    Path dir;

    @Test
    void passesWhenFlaskAndNginxStayWithinTheItemsSize() throws Exception {
        write(dir, "requirements.txt", "flask==3.0.0\n");
        write(dir, "app.py", "from flask import Flask\napp = Flask(__name__)\napp.config['MAX_CONTENT_LENGTH'] = 10 * 1024 * 1024\n");
        write(dir, "deploy/nginx.conf", "server {\n    listen 80;\n    client_max_body_size 8M;\n}\n");

        Outcome outcome = Run.check(new UploadLimitCheck(), dir, "File upload limits - 10MB max size", Map.of("maxSize", "10MB"));

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).containsExactly(
                new Evidence.FileLine("app.py", 3, "app.config['MAX_CONTENT_LENGTH'] = 10 * 1024 * 1024 (10 MB)"),
                new Evidence.FileLine("deploy/nginx.conf", 3, "client_max_body_size 8M; (8 MB)"));
    }

    @Test
    void failsOnLargerLimitsAndOnLimitsTurnedOff() throws Exception {
        write(dir, "package.json", "{\"dependencies\": {\"express\": \"^4.19.2\", \"multer\": \"^1.4.5\"}}\n");
        write(dir, "server.js", """
                app.use(express.json({ limit: '50mb' }));
                const upload = multer({ dest: 'uploads/', limits: { fileSize: 5 * 1024 * 1024 } });
                """);
        write(dir, "nginx/site.conf", "server {\n  client_max_body_size 0;\n}\n");

        Outcome outcome = Run.check(new UploadLimitCheck(), dir, "File upload limits - 10MB max size", Map.of("maxSize", "10MB"));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(
                "nginx/site.conf:2: client_max_body_size 0; (0 turns the limit off)",
                "server.js:1: express.json({ limit: '50mb' }) (50 MB, more than 10 MB)");
    }

    @Test
    void failsOnMulterWithoutAFileSizeLimitAndLeavesOptionsInAVariableUnjudged() throws Exception {
        write(dir, "package.json", "{\"dependencies\": {\"express\": \"^4.19.2\", \"multer\": \"^1.4.5\"}}\n");
        write(dir, "server.js", """
                app.use(express.json({ limit: '1mb' }));
                const upload = multer({ dest: 'uploads/' });
                const avatars = multer(avatarOptions);
                """);

        Outcome outcome = Run.check(new UploadLimitCheck(), dir, "File upload limits - 10MB max size", Map.of("maxSize", "10MB"));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("upload limit: server.js:2: multer({ dest: 'uploads/' }) "
                + "(without limits.fileSize: files of any size are accepted)");
    }

    @Test
    void failsWhenFlaskSetsNoLimitAtAll() throws Exception {
        write(dir, "requirements.txt", "flask==3.0.0\n");
        write(dir, "app.py", "from flask import Flask\napp = Flask(__name__)\n");

        Outcome outcome = Run.check(new UploadLimitCheck(), dir, "Configure appropriate file size limits");

        assertThat(outcome.summary()).isEqualTo("no request body or upload size limit is set: Flask accepts bodies of any size without MAX_CONTENT_LENGTH");
    }

    @Test
    void passesOnTheDjangoFixtureAndFailsOnTheFlaskAndFastApiOnes() throws Exception {
        Map<String, String> tenMegabytes = Map.of("maxSize", "10MB");

        assertThat(Run.check(new UploadLimitCheck(), Run.fixture("django-good"), "File upload limits - 10MB max size", tenMegabytes).status())
                .isEqualTo(Status.PASS);
        assertThat(Run.check(new UploadLimitCheck(), Run.fixture("flask-bad"), "Configure appropriate file size limits").summary())
                .isEqualTo("upload limit: config.py:9: MAX_CONTENT_LENGTH = None (no limit)");
        assertThat(Run.check(new UploadLimitCheck(), Run.fixture("fastapi-bad"), "File upload limits - 10MB max size", tenMegabytes).summary())
                .isEqualTo("no request body or upload size limit is set");
    }

    @Test
    void passesOnExpressParsersWithinTheItemsSizeReadingBodyParsersDefaultWhereTheLimitIsLeftOut() throws Exception {
        Outcome outcome = Run.check(new UploadLimitCheck(), Run.fixture("express-api"), "Request size limits (1MB)", Map.of("maxSize", "1MB"));

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(
                "src/server.js:9: express.json() without limit: Express's default (100 KB)",
                "src/server.js:10: express.urlencoded({ extended: false, limit: '64kb' }) (64 KB)",
                "src/server.js:12: parsers.raw({ type: 'application/json', limit: 512 * 1024 }) (512 KB)");
    }

    @Test
    void failsOnExpressParsersAboveTheItemsSizeWithoutALimitOrOverTheDefault() throws Exception {
        Outcome outcome = Run.check(new UploadLimitCheck(), Run.fixture("express-api-bad"), "Set body size limit (64kb)", Map.of("maxSize", "64KB"));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(
                "src/server.js:6: express.json({ limit: '50mb' }) (50 MB, more than 64 KB)",
                "src/server.js:7: bodyParser.text() without limit: Express's default (100 KB, more than 64 KB)",
                "src/server.js:9: bodyParser.raw({ type: 'text/csv', limit: Infinity }) (no limit)");
        assertThat(outcome.remediation()).contains("express.json({ limit: '64kb' })");
    }

    @Test
    void passesOnParserOptionsPassedAsAVariableAsNotEvaluated() throws Exception {
        write(dir, "package.json", "{\"dependencies\": {\"express\": \"^4.21.2\"}}\n");
        write(dir, "app.js", "const express = require('express');\nconst app = express();\napp.use(express.json(jsonOptions));\n");

        Outcome outcome = Run.check(new UploadLimitCheck(), dir, "Request size limits");

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).extracting(Evidence::describe)
                .containsExactly("app.js:3: express.json(jsonOptions) (options passed as a variable: not evaluated)");
    }
}
