package dev.preflight.collect;

import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduledJobsTest {
    @TempDir
    Path dir;

    @Test
    void readsCrontabsCronDFilesWithTheirUserAndTimersWithTheirService() throws Exception {
        write(dir, "deploy/crontab", "MAILTO=ops@example.com\n# m h dom mon dow command\n*/5 * * * * /srv/app/bin/poll\n30 1 * * 1 /srv/app/bin/report\n");
        write(dir, "deploy/cron.d/app", "@daily root /srv/app/scripts/backup.sh\n");
        write(dir, "deploy/cleanup.timer", "[Timer]\nOnCalendar=hourly\n");
        write(dir, "deploy/cleanup.service", "[Service]\nType=oneshot\nExecStart=/srv/app/bin/cleanup --old\n");

        List<ScheduledJobs.Job> jobs = ScheduledJobs.find(new RepoSnapshot(dir));

        assertThat(jobs).containsExactlyInAnyOrder(
                new ScheduledJobs.Job("/srv/app/scripts/backup.sh", "deploy/cron.d/app", 1, "@daily root /srv/app/scripts/backup.sh", Optional.of(Duration.ofDays(1))),
                new ScheduledJobs.Job("/srv/app/bin/poll", "deploy/crontab", 3, "*/5 * * * * /srv/app/bin/poll", Optional.empty()),
                new ScheduledJobs.Job("/srv/app/bin/report", "deploy/crontab", 4, "30 1 * * 1 /srv/app/bin/report", Optional.of(Duration.ofDays(7))),
                new ScheduledJobs.Job("/srv/app/bin/cleanup --old", "deploy/cleanup.timer", 2, "OnCalendar=hourly", Optional.of(Duration.ofHours(1))));
    }

    @Test
    void readsAHostsCrontabsPeriodicScriptsAndTimersWithTheirServiceFromAnyUnitDirectory() throws Exception {
        write(dir, "etc/crontab", "SHELL=/bin/sh\n25 6 * * * root test -x /usr/sbin/anacron || run-parts /etc/cron.daily\n");
        write(dir, "var/spool/cron/crontabs/app", "0 3 * * * /srv/app/bin/dump\n");
        write(dir, "etc/cron.weekly/app-backup", "#!/bin/sh\npg_dump app\n");
        write(dir, "etc/systemd/system/dump.timer", "[Timer]\nOnCalendar=daily\nUnit=app-dump.service\n");
        write(dir, "lib/systemd/system/app-dump.service", "[Service]\nExecStart=/usr/bin/pg_dump app\n");

        List<ScheduledJobs.Job> jobs = ScheduledJobs.onHost(dev.preflight.collect.host.HostRoot.mounted(dir));

        assertThat(jobs).containsExactlyInAnyOrder(
                new ScheduledJobs.Job("test -x /usr/sbin/anacron || run-parts /etc/cron.daily", "/etc/crontab", 2,
                        "25 6 * * * root test -x /usr/sbin/anacron || run-parts /etc/cron.daily", Optional.of(Duration.ofDays(1))),
                new ScheduledJobs.Job("/srv/app/bin/dump", "/var/spool/cron/crontabs/app", 1, "0 3 * * * /srv/app/bin/dump", Optional.of(Duration.ofDays(1))),
                new ScheduledJobs.Job("/etc/cron.weekly/app-backup", "/etc/cron.weekly/app-backup", 0, "in /etc/cron.weekly", Optional.of(Duration.ofDays(7))),
                new ScheduledJobs.Job("/usr/bin/pg_dump app", "/etc/systemd/system/dump.timer", 2, "OnCalendar=daily", Optional.of(Duration.ofDays(1))));
    }

    @Test
    void readsTheIntervalOfRegularSchedulesOnly() {
        assertThat(ScheduledJobs.cronInterval("0", "2", "*", "*", "*")).hasValue(Duration.ofDays(1));
        assertThat(ScheduledJobs.cronInterval("15", "*", "*", "*", "*")).hasValue(Duration.ofHours(1));
        assertThat(ScheduledJobs.cronInterval("0", "4", "1", "*", "*")).hasValue(Duration.ofDays(31));
        assertThat(ScheduledJobs.cronInterval("0", "2-4", "*", "*", "*")).isEmpty();
        assertThat(ScheduledJobs.calendarInterval("Sun *-*-* 03:00:00")).hasValue(Duration.ofDays(7));
        assertThat(ScheduledJobs.calendarInterval("*-*-01 00:00")).isEmpty();
    }
}
