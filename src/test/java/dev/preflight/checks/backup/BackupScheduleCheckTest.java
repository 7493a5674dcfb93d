package dev.preflight.checks.backup;

import static dev.preflight.checks.backup.BackupFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.host.HostRoot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupScheduleCheckTest {
    @TempDir
    Path root;

    @Test
    void passesADailyCronDFileRunningPgDump() throws Exception {
        plant(root, "/etc/crontab", "SHELL=/bin/sh\n17 * * * * root cd / && run-parts --report /etc/cron.hourly\n");
        plant(root, "/etc/cron.d/app-backup", "# nightly dump\nMAILTO=ops\n15 2 * * * postgres pg_dump -Fc app > /var/backups/app/app.dump\n");

        Outcome outcome = run(new BackupScheduleCheck(), HostRoot.mounted(root), Map.of("every", "1d"));

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence().toString()).contains("/etc/cron.d/app-backup", "3");
    }

    @Test
    void passesAnEnabledTimerAndACronDailyScriptThatCallsADumpTool() throws Exception {
        plant(root, "/etc/systemd/system/db-dump.timer", "[Timer]\nOnCalendar=*-*-* 03:00:00\n");
        plant(root, "/etc/systemd/system/db-dump.service", "[Service]\nExecStart=/usr/local/bin/dump-db\n");
        plant(root, "/usr/local/bin/dump-db", "#!/bin/sh\nmysqldump --all-databases | gzip > /var/backups/db.sql.gz\n");
        Path wants = root.resolve("etc/systemd/system/timers.target.wants");
        java.nio.file.Files.createDirectories(wants);
        java.nio.file.Files.createSymbolicLink(wants.resolve("db-dump.timer"), Path.of("/etc/systemd/system/db-dump.timer"));

        Outcome outcome = run(new BackupScheduleCheck(), HostRoot.mounted(root), Map.of("every", "1d"));

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence().toString()).contains("/etc/systemd/system/db-dump.timer", "OnCalendar=*-*-* 03:00:00");
    }

    @Test
    void failsWhenNoJobRunsABackupAndDebiansOwnDailyScriptsDoNotCount() throws Exception {
        plant(root, "/etc/crontab", "17 * * * * root cd / && run-parts --report /etc/cron.hourly\n");
        plant(root, "/etc/cron.daily/dpkg", "#!/bin/sh\n/usr/libexec/dpkg/dpkg-db-backup\n");

        Outcome outcome = run(new BackupScheduleCheck(), HostRoot.mounted(root), Map.of("every", "1d"));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).contains("runs a backup");
    }

    @Test
    void failsAWeeklyJobForADailyItem() throws Exception {
        plant(root, "/var/spool/cron/crontabs/postgres", "0 3 * * 0 /usr/local/bin/app-backup.sh\n");
        plant(root, "/etc/cron.weekly/app-backup", "#!/bin/sh\npg_dump app\n");

        Outcome outcome = run(new BackupScheduleCheck(), HostRoot.mounted(root), Map.of("every", "1d"));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).contains("less often than every 1d");
        assertThat(outcome.evidence().toString()).contains("/var/spool/cron/crontabs/postgres", "/etc/cron.weekly/app-backup", "runs every 7d");
    }

    @Test
    void failsATimerThatIsNotEnabled() throws Exception {
        plant(root, "/etc/systemd/system/backup.timer", "[Timer]\nOnCalendar=daily\n");
        plant(root, "/etc/systemd/system/backup.service", "[Service]\nExecStart=/usr/local/bin/backup\n");

        Outcome outcome = run(new BackupScheduleCheck(), HostRoot.mounted(root), Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence().toString()).contains("backup.timer is not enabled");
    }

    @Test
    void theLiveHostIsJudgedWithoutError() {
        Outcome outcome = run(new BackupScheduleCheck(), HostRoot.live(), Map.of("every", "1d"));

        assertThat(outcome.status()).as(outcome.summary()).isIn(Status.PASS, Status.FAIL, Status.WARN);
    }
}
