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

class ServiceUnitsCheckTest {
    static final String GUNICORN_SERVICE = """
            [Unit]
            Description=gunicorn daemon for filetoapi
            Requires=gunicorn.socket
            After=network.target

            [Service]
            Type=notify
            User=filetoapi
            Group=www-data
            WorkingDirectory=/srv/filetoapi
            EnvironmentFile=/srv/filetoapi/.env
            ExecStart=/srv/filetoapi/venv/bin/gunicorn \\
                      --workers 3 --timeout 60 \\
                      --bind unix:/run/gunicorn.sock \\
                      filetoapi.wsgi:application
            Restart=on-failure
            RestartSec=5

            [Install]
            WantedBy=multi-user.target
            """;

    @TempDir
    Path dir;

    private Outcome check() {
        return new ServiceUnitsCheck().run(new CheckContext(Params.NONE, "Create systemd service file (or use Supervisor)",
                new RepoSnapshot(dir), null, false));
    }

    @Test
    void passesOnAGunicornUnitABackupTimerAndASupervisorProgram() throws Exception {
        write(dir, "deploy/systemd/gunicorn.service", GUNICORN_SERVICE);
        write(dir, "deploy/systemd/backup.service", "[Unit]\nDescription=Nightly backup\n\n[Service]\nType=oneshot\nUser=backup\n"
                + "ExecStart=/srv/filetoapi/scripts/backup.sh\n");
        write(dir, "deploy/systemd/backup.timer", "[Unit]\nDescription=Nightly backup\n\n[Timer]\nOnCalendar=*-*-* 02:00:00\n"
                + "Persistent=true\n\n[Install]\nWantedBy=timers.target\n");
        write(dir, "deploy/supervisor/conf.d/worker.conf", "[program:celery]\ncommand=/srv/app/venv/bin/celery -A app worker\n"
                + "user=app\nautostart=true\nautorestart=true\nstdout_logfile=/var/log/app/celery.log\n");

        Outcome outcome = check();

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("4 unit(s) restart on failure, start on boot and run as an unprivileged user");
        assertThat(outcome.evidence()).contains(
                new Evidence.FileLine("deploy/systemd/gunicorn.service", 16, "Restart=on-failure"),
                new Evidence.FileLine("deploy/systemd/gunicorn.service", 20, "WantedBy=multi-user.target"),
                new Evidence.FileLine("deploy/systemd/gunicorn.service", 8, "User=filetoapi"),
                new Evidence.FileLine("deploy/supervisor/conf.d/worker.conf", 5, "[program:celery] autorestart=true"));
    }

    @Test
    void failsOnAUnitAsRootWithoutRestartOrInstallAndASupervisorProgramWithoutUser() throws Exception {
        write(dir, "ops/app.service", "[Unit]\nDescription=upscaler\n\n[Service]\nUser=root\nExecStart=/usr/bin/python3 /opt/upscaler/app.py\n");
        write(dir, "ops/supervisord.conf", "[supervisord]\nnodaemon=true\n\n[program:web]\ncommand=gunicorn app:app\nautorestart=false\n");

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).containsExactly(
                new Evidence.FileLine("ops/app.service", 5, "User=root (runs as root)"),
                new Evidence.FileLine("ops/app.service", 4, "[Service] has no Restart= (systemd does not restart it when it dies)"),
                new Evidence.FileLine("ops/app.service", 0, "no WantedBy=multi-user.target under [Install] (not started on boot)"),
                new Evidence.FileLine("ops/supervisord.conf", 4, "[program:web] user not set (runs as root)"),
                new Evidence.FileLine("ops/supervisord.conf", 6, "[program:web] autorestart=false (not restarted when it dies)"));
    }

    @Test
    void failsOnAUnitItCannotParseAndStillChecksTheOthers() throws Exception {
        write(dir, "a.service", "[Service\nUser=app\n");
        write(dir, "b.service", GUNICORN_SERVICE.replace("User=filetoapi\n", ""));

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).containsExactly(
                new Evidence.FileLine("a.service", 1, "cannot parse at 1:1: section header without ']'"),
                new Evidence.FileLine("b.service", 6, "User not set (runs as root)"));
    }

    @Test
    void isNotApplicableWithoutUnits() throws Exception {
        write(dir, "Dockerfile", "FROM python:3.12\n");
        write(dir, "nginx/app.conf", "server {\n  listen 80;\n}\n");

        assertThat(check().status()).isEqualTo(Status.SKIP);
    }
}
