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

class HostLogrotateCheckTest {
    private static final String ITEM = "Set up log rotation (logrotate)";

    @TempDir
    Path root;

    /** Debian 12 with nginx and an app logging to /var/log/app: the package configs, the app's own block, the timer enabled. */
    private void debianWithApp() throws Exception {
        write("usr/sbin/logrotate", "");
        write("lib/systemd/systemd", "");
        write("lib/systemd/system/logrotate.timer", "[Timer]\nOnCalendar=daily\nAccuracySec=1h\nPersistent=true\n");
        Path wants = Files.createDirectories(root.resolve("etc/systemd/system/timers.target.wants"));
        Files.createSymbolicLink(wants.resolve("logrotate.timer"), Path.of("/lib/systemd/system/logrotate.timer"));
        write("etc/cron.daily/logrotate", """
                #!/bin/sh

                # skip in favour of systemd timer
                if [ -d /run/systemd/system ]; then
                    exit 0
                fi

                /usr/sbin/logrotate /etc/logrotate.conf
                """);
        write("etc/logrotate.conf", """
                # see "man logrotate" for details

                # rotate log files weekly
                weekly

                # keep 4 weeks worth of backlogs
                rotate 4

                # create new (empty) log files after rotating old ones
                create

                # packages drop log rotation information into this directory
                include /etc/logrotate.d
                """);
        write("etc/logrotate.d/nginx", """
                /var/log/nginx/*.log {
                	daily
                	missingok
                	rotate 14
                	compress
                	delaycompress
                	notifempty
                	create 0640 www-data adm
                	sharedscripts
                	prerotate
                		if [ -d /etc/logrotate.d/httpd-prerotate ]; then \\
                			run-parts /etc/logrotate.d/httpd-prerotate; \\
                		fi \\
                	endscript
                	postrotate
                		invoke-rc.d nginx rotate >/dev/null 2>&1
                	endscript
                }
                """);
        write("etc/logrotate.d/dpkg", "/var/log/dpkg.log {\n\tmonthly\n\trotate 12\n\tcompress\n\tdelaycompress\n\tmissingok\n\tnotifempty\n\tcreate 644 root root\n}\n");
        write("etc/logrotate.d/app", "/var/log/app/*.log {\n    daily\n    rotate 14\n    compress\n    missingok\n    notifempty\n}\n");
        write("var/log/nginx/access.log", "127.0.0.1 - - [23/Nov/2026:04:00:00 +0000] \"GET / HTTP/1.1\" 200 612\n");
        write("var/log/nginx/access.log.1", "");
        write("var/log/nginx/error.log", "");
        write("var/log/dpkg.log", "2026-11-23 04:00:00 status installed nginx:amd64 1.22.1-9\n");
        write("var/log/app/app.log", "INFO started\n");
    }

    private void write(String path, String text) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Outcome check() {
        return Hosts.check(new HostLogrotateCheck(), HostRoot.mounted(root), ITEM, Map.of());
    }

    @Test
    void passesWhenEveryLogHasABlockAndTheTimerRuns() throws Exception {
        debianWithApp();

        Outcome outcome = check();

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary())
                .isEqualTo("logrotate runs from /etc/systemd/system/timers.target.wants/logrotate.timer and covers the 4 *.log file(s) under /var/log");
        assertThat(outcome.evidence()).contains(new Evidence.FileLine("/etc/logrotate.d/app", 1, "/var/log/app/app.log rotated by /var/log/app/*.log"));
    }

    @Test
    void failsWhenTheAppsLogHasNoBlock() throws Exception {
        debianWithApp();
        Files.move(root.resolve("etc/logrotate.d/app"), root.resolve("etc/logrotate.d/app.dpkg-old"));

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("no logrotate block covers /var/log/app/app.log on the host root ");
    }

    @Test
    void failsWhenTheTimerIsOffOnASystemdHost() throws Exception {
        debianWithApp();
        Files.delete(root.resolve("etc/systemd/system/timers.target.wants/logrotate.timer"));

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("logrotate never runs");
    }

    @Test
    void failsWhenAConfigCannotBeParsed() throws Exception {
        debianWithApp();
        write("etc/logrotate.d/app", "/var/log/app/*.log {\n    daily\n    rotate 14\n");

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("/etc/logrotate.d/app cannot parse at 1:1").contains("no logrotate block covers /var/log/app/app.log");
    }

    @Test
    void runsOnThisMachineWithoutError() {
        assertThat(Hosts.check(new HostLogrotateCheck(), HostRoot.live(), ITEM, Map.of()).status()).isIn(Status.PASS, Status.FAIL);
    }
}
