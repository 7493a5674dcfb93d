package dev.preflight.checks.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.host.HostRoot;

class ServicesCheckTest {
    private static final String ITEM = "Enable service on boot";

    @TempDir
    Path root;

    /**
     * A Django app deployed as the usual guides do: gunicorn.service written to /etc/systemd/system,
     * enabled, next to what packages and systemctl leave there (aliases and masks are symlinks).
     */
    private void gunicornDeployed() throws Exception {
        write("etc/systemd/system/gunicorn.service", """
                [Unit]
                Description=gunicorn daemon
                Requires=gunicorn.socket
                After=network.target

                [Service]
                User=app
                Group=www-data
                WorkingDirectory=/srv/app
                ExecStart=/srv/app/venv/bin/gunicorn \\
                          --access-logfile - \\
                          --workers 3 \\
                          --bind unix:/run/gunicorn.sock \\
                          app.wsgi:application
                Restart=on-failure

                [Install]
                WantedBy=multi-user.target
                """);
        write("etc/systemd/system/migrate.service", "[Unit]\nDescription=apply migrations\n\n[Service]\nType=oneshot\nExecStart=/srv/app/venv/bin/python manage.py migrate\n\n[Install]\nWantedBy=multi-user.target\n");
        write("lib/systemd/system/ssh.service", "[Service]\nExecStart=/usr/sbin/sshd -D\n");
        Files.createSymbolicLink(root.resolve("etc/systemd/system/sshd.service"), Path.of("/lib/systemd/system/ssh.service"));
        Path wants = Files.createDirectories(root.resolve("etc/systemd/system/multi-user.target.wants"));
        Files.createSymbolicLink(wants.resolve("gunicorn.service"), Path.of("/etc/systemd/system/gunicorn.service"));
        Files.createSymbolicLink(wants.resolve("migrate.service"), Path.of("/etc/systemd/system/migrate.service"));
    }

    private void write(String path, String text) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Outcome check() {
        return Hosts.check(new ServicesCheck(), HostRoot.mounted(root), ITEM, Map.of());
    }

    @Test
    void passesWhenTheAppsUnitsAreEnabledAndRestart() throws Exception {
        gunicornDeployed();

        Outcome outcome = check();

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("2 service(s) of /etc/systemd/system enabled at boot and restarting on failure: gunicorn.service, migrate.service");
        assertThat(outcome.evidence()).contains(new Evidence.Note("gunicorn.service: Restart=on-failure"),
                new Evidence.Note("enabled at boot: /etc/systemd/system/multi-user.target.wants/gunicorn.service"));
    }

    @Test
    void failsWhenADropInTurnsRestartOffAndTheUnitIsNotEnabled() throws Exception {
        gunicornDeployed();
        write("etc/systemd/system/gunicorn.service.d/override.conf", "[Service]\nRestart=no\n");
        Files.delete(root.resolve("etc/systemd/system/multi-user.target.wants/gunicorn.service"));

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("gunicorn.service does not restart on failure (Restart=no); gunicorn.service is not enabled at boot on ");
    }

    @Test
    void failsWhenAUnitHasNoRestartLine() throws Exception {
        gunicornDeployed();
        write("etc/systemd/system/worker.service", "[Service]\nUser=app\nExecStart=/srv/app/venv/bin/celery -A app worker\n\n[Install]\nWantedBy=multi-user.target\n");
        Files.createSymbolicLink(root.resolve("etc/systemd/system/multi-user.target.wants/worker.service"), Path.of("/etc/systemd/system/worker.service"));

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("worker.service does not restart on failure (Restart=no, the default)");
    }

    @Test
    void asksForAnAttestationWhenTheHostHasNoUnitOfItsOwn() throws Exception {
        write("lib/systemd/system/ssh.service", "[Service]\nExecStart=/usr/sbin/sshd -D\n");

        assertThat(check().status()).isEqualTo(Status.MANUAL);
    }

    @Test
    void runsOnThisMachineWithoutError() {
        assertThat(Hosts.check(new ServicesCheck(), HostRoot.live(), ITEM, Map.of()).status()).isIn(Status.PASS, Status.FAIL, Status.MANUAL);
    }
}
