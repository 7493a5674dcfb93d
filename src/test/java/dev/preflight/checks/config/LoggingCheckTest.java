package dev.preflight.checks.config;

import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.CheckContext;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Status;
import dev.preflight.collect.RepoSnapshot;

class LoggingCheckTest {
    private static final String DJANGO_FILE_LOGGING = """
            LOGGING = {
                'version': 1,
                'handlers': {
                    'file': {'class': 'logging.handlers.RotatingFileHandler', 'filename': '/var/log/app/app.log'},
                },
                'root': {'handlers': ['file'], 'level': 'INFO'},
            }
            """;

    @TempDir
    Path dir;

    private Outcome check(String item) {
        return new LoggingCheck().run(new CheckContext(Params.NONE, item, new RepoSnapshot(dir), null, false));
    }

    @Test
    void passesOnDjangoLoggingToARotatedFile() throws Exception {
        write(dir, "manage.py", "\n");
        write(dir, "app/settings.py", DJANGO_FILE_LOGGING);

        Outcome outcome = check("Configure Django logging to file");

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).singleElement().isEqualTo(new Evidence.FileLine("app/settings.py", 4,
                "Python file handler: 'file': {'class': 'logging.handlers.RotatingFileHandler', 'filename': '/var/log/app/app.log'},"));
    }

    @Test
    void failsWhenTheItemAsksForAFileAndLogsGoToTheConsoleOnly() throws Exception {
        write(dir, "manage.py", "\n");
        write(dir, "app/settings.py", "LOGGING = {\n    'handlers': {'console': {'class': 'logging.StreamHandler'}},\n}\n");
        write(dir, "app/settings_dev.py", DJANGO_FILE_LOGGING);

        Outcome outcome = check("Application logs - File-based logging");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("no log file is configured; logging goes to stdout/stderr only");
    }

    @Test
    void passesOnRequestLoggingFromGunicornAccessLog() throws Exception {
        write(dir, "requirements.txt", "fastapi==0.110.0\ngunicorn==21.2.0\n");
        write(dir, "Procfile", "web: gunicorn -k uvicorn.workers.UvicornWorker main:app --access-logfile -\n");

        Outcome outcome = check("Request logging - All requests logged");

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("1 request log(s) configured");
    }

    @Test
    void failsOnRequestLoggingWhenNoServerOrMiddlewareLogsRequests() throws Exception {
        write(dir, "package.json", "{\"dependencies\": {\"express\": \"4.18.2\", \"pino\": \"8.0.0\"}}");
        write(dir, "server.js", "const pino = require('pino');\nconst logger = pino();\n");

        Outcome outcome = check("Request logging - All requests logged");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly("server.js:1: Node logger: const pino = require('pino');");
    }

    @Test
    void passesOnApplicationWideStructuredLoggingInGo() throws Exception {
        write(dir, "go.mod", "module svc\n\ngo 1.22\n");
        write(dir, "main.go", "package main\n\nfunc main() {\n\tlogger := slog.New(slog.NewJSONHandler(os.Stdout, nil))\n}\n");

        Outcome outcome = check("Logging - Application-wide logging configured");

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("logging is configured (stdout/stderr)");
    }

    @Test
    void failsWhenAnApplicationConfiguresNoLogging() throws Exception {
        write(dir, "requirements.txt", "flask==3.0.0\n");
        write(dir, "app.py", "from flask import Flask\napp = Flask(__name__)\n");

        Outcome outcome = check("Logging - Application-wide logging configured");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("no logging configuration found");
    }

    @Test
    void isNotApplicableWithoutAnApplication() throws Exception {
        write(dir, "notes.txt", "hello\n");

        assertThat(check("Configure Django logging to file").status()).isEqualTo(Status.SKIP);
    }
}
