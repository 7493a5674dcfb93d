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

class LogrotateCheckTest {
    private static final String SETTINGS = """
            LOGGING = {
                "version": 1,
                "handlers": {
                    "file": {
                        "level": "INFO",
                        "class": "logging.FileHandler",
                        "filename": os.path.join(BASE_DIR, "logs/django.log"),
                    },
                },
            }
            """;

    @TempDir
    Path dir;

    private Outcome check() {
        return new LogrotateCheck().run(new CheckContext(Params.NONE, "Set up log rotation (logrotate)", new RepoSnapshot(dir), null, false));
    }

    @Test
    void passesWhenEveryLogTheAppWritesIsRotated() throws Exception {
        write(dir, "filetoapi/settings.py", SETTINGS);
        write(dir, "deploy/gunicorn.service", "[Service]\nExecStart=/srv/app/venv/bin/gunicorn --access-logfile /var/log/filetoapi/access.log "
                + "--error-logfile - app.wsgi\n");
        write(dir, "deploy/nginx/site.conf", "server {\n  listen 80;\n  access_log /var/log/nginx/filetoapi.access.log;\n}\n");
        write(dir, "deploy/logrotate/filetoapi", """
                /var/log/filetoapi/*.log /srv/filetoapi/logs/*.log {
                    daily
                    rotate 14
                    compress
                    missingok
                    notifempty
                }
                /var/log/nginx/*.log {
                    weekly
                    rotate 8
                    postrotate
                        invoke-rc.d nginx rotate >/dev/null 2>&1
                    endscript
                }
                """);

        Outcome outcome = check();

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("2 logrotate block(s) with a frequency and a count, covering 3 log file(s) the app writes");
        assertThat(outcome.evidence()).contains(
                new Evidence.FileLine("deploy/logrotate/filetoapi", 1, "/var/log/filetoapi/*.log /srv/filetoapi/logs/*.log { daily, rotate 14 }"),
                new Evidence.FileLine("deploy/logrotate/filetoapi", 1, "logs/django.log rotated by /srv/filetoapi/logs/*.log"),
                new Evidence.FileLine("deploy/logrotate/filetoapi", 8, "/var/log/nginx/filetoapi.access.log rotated by /var/log/nginx/*.log"));
    }

    @Test
    void failsWhenALogIsNotCoveredAndABlockKeepsNothing() throws Exception {
        write(dir, "filetoapi/settings.py", SETTINGS);
        write(dir, "deploy/supervisor.conf", "[program:web]\ncommand=gunicorn app:app\nstdout_logfile=/var/log/web/out.log\n");
        write(dir, "deploy/logrotate.conf", "/var/log/web/*.log {\n    size 100M\n}\n");

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).containsExactly(
                new Evidence.FileLine("deploy/logrotate.conf", 1, "/var/log/web/*.log: no 'rotate N' (logrotate's default 0 deletes each rotated log)"),
                new Evidence.FileLine("filetoapi/settings.py", 7, "\"filename\": os.path.join(BASE_DIR, \"logs/django.log\"), "
                        + "(no logrotate block covers logs/django.log)"));
    }

    @Test
    void failsWhenTheAppWritesLogsAndNothingRotatesThem() throws Exception {
        write(dir, "Procfile", "web: gunicorn app:app --log-file /var/log/upscaler/gunicorn.log\n");
        write(dir, "deploy/logrotate/broken", "/var/log/upscaler/*.log {\n  daily\n");

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).containsExactly(
                new Evidence.FileLine("deploy/logrotate/broken", 1, "cannot parse at 1:1: block not closed with '}'"),
                new Evidence.FileLine("Procfile", 1, "web: gunicorn app:app --log-file /var/log/upscaler/gunicorn.log "
                        + "(no logrotate block covers /var/log/upscaler/gunicorn.log)"));
    }

    @Test
    void isNotApplicableWhenTheAppLogsToStdoutOrARotatingHandler() throws Exception {
        write(dir, "Procfile", "web: gunicorn app:app --access-logfile - --error-logfile -\n");
        write(dir, "app/settings.py", "LOGGING = {'handlers': {'f': {\n  'class': 'logging.handlers.RotatingFileHandler',\n"
                + "  'filename': 'logs/app.log', 'maxBytes': 10485760}}}\n");

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.summary()).isEqualTo("no logrotate config; every log file named in the repository is written by a rotating handler");
    }
}
