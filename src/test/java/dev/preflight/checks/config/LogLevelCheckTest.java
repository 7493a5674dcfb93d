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

class LogLevelCheckTest {
    @TempDir
    Path dir;

    private Outcome check(String item) {
        return new LogLevelCheck().run(new CheckContext(Params.NONE, item, new RepoSnapshot(dir), null, false));
    }

    @Test
    void passesOnAnInfoLevelFromTheEnvironmentAndIgnoresDevelopmentSettings() throws Exception {
        write(dir, "requirements.txt", "Django==4.2.11\n");
        write(dir, "app/settings/production.py", "LOGGING = {\n    'root': {'handlers': ['console'], 'level': os.environ.get('LOG_LEVEL', 'INFO')},\n}\n");
        write(dir, "app/settings/dev.py", "LOGGING = {'root': {'level': 'DEBUG'}}\n");
        write(dir, ".env.development", "LOG_LEVEL=debug\n");

        Outcome outcome = check("Set up proper logging levels");

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).containsExactly(new Evidence.FileLine("app/settings/production.py", 2,
                "'root': {'handlers': ['console'], 'level': os.environ.get('LOG_LEVEL', 'INFO')},"));
    }

    @Test
    void failsOnDebugInEveryProductionPlace() throws Exception {
        write(dir, "main.py", "import logging\nlogging.basicConfig(level=logging.DEBUG)\n");
        write(dir, ".env.production", "LOG_LEVEL=debug\n");
        write(dir, "docker-compose.yml", "services:\n  web:\n    command: gunicorn app:app --log-level debug\n    environment:\n      - LOG_LEVEL=DEBUG\n");
        write(dir, "k8s/deployment.yaml", "env:\n  - name: LOG_LEVEL\n    value: \"debug\"\n");
        write(dir, "src/main/resources/application-prod.properties", "logging.level.root=DEBUG\ndebug=true\n");
        write(dir, "src/main/resources/application.yml", "logging:\n  level:\n    root: TRACE\n");

        Outcome outcome = check("Log level not debug in production");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactlyInAnyOrder(
                ".env.production:1: LOG_LEVEL=debug",
                "docker-compose.yml:3: command: gunicorn app:app --log-level debug",
                "docker-compose.yml:5: - LOG_LEVEL=DEBUG",
                "k8s/deployment.yaml:3: - name: LOG_LEVEL value: \"debug\"",
                "main.py:2: logging.basicConfig(level=logging.DEBUG)",
                "src/main/resources/application-prod.properties:1: logging.level.root=DEBUG",
                "src/main/resources/application-prod.properties:2: debug=true",
                "src/main/resources/application.yml:3: root: TRACE");
    }

    @Test
    void failsWhenTheLevelIsMoreVerboseThanTheItemAsks() throws Exception {
        write(dir, "package.json", "{\"dependencies\": {\"express\": \"4.18.2\"}}");
        write(dir, "src/logger.js", "const winston = require('winston');\nmodule.exports = winston.createLogger({ level: 'info' });\n");

        Outcome outcome = check("Set LOG_LEVEL to WARNING in production");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("production log level is too verbose: src/logger.js:2: module.exports = winston.createLogger({ level: 'info' });");
    }

    @Test
    void warnsWhenQuieterThanAskedAndWhenNothingSetsALevel() throws Exception {
        write(dir, "gunicorn.conf.py", "loglevel = 'error'\n");

        assertThat(check("LOG_LEVEL=INFO").status()).isEqualTo(Status.WARN);

        write(dir, "gunicorn.conf.py", "workers = 4\n");
        Outcome none = check("Logging level - Configurable");
        assertThat(none.status()).isEqualTo(Status.WARN);
        assertThat(none.summary()).startsWith("no production configuration sets the log level");
    }

    @Test
    void failsWhenTheItemNamesALevelAndNothingSetsIt() throws Exception {
        write(dir, "app.py", "print('hi')\n");

        assertThat(check("Set LOG_LEVEL=INFO").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void isNotApplicableWithoutAnyApplication() throws Exception {
        write(dir, "README.md", "# docs\n");

        assertThat(check("Set up proper logging levels").status()).isEqualTo(Status.SKIP);
    }
}
