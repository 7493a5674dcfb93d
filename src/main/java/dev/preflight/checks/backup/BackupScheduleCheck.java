package dev.preflight.checks.backup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.ScheduledJobs;
import dev.preflight.collect.ScheduledJobs.Job;
import dev.preflight.collect.host.HostRoot;
import dev.preflight.collect.host.SystemdUnits;

/**
 * The host schedules a backup at least as often as the item says: a line of the system or a user's
 * crontab, a script in /etc/cron.daily and its siblings, or an enabled systemd timer runs a backup
 * command (a dump tool, or a script whose name or text makes a backup).
 */
@CheckInfo(id = "backup.schedule", title = "A backup job exists and runs as often as the item says", target = TargetKind.HOST,
        phrases = {"automated (daily |nightly |weekly )?backups?", "\\bbackup (jobs?|scripts?|cron|schedule)", "\\bbackups? (configured|scheduled)",
                "regular backups", "configure (a )?backup strategy", "\\bcron\\b.*backup", "(daily|nightly|weekly) backups?"},
        params = {"every"})
public final class BackupScheduleCheck implements Check {
    /** What an item that names no interval asks: the usual promise of "automated backups". */
    static final Duration DEFAULT_EVERY = Duration.ofDays(1);
    private static final Pattern SCRIPT = Pattern.compile("(?<![\\w.-])(/[\\w./-]+)");
    /**
     * In a script's text only a dump or backup tool counts, not the word: Debian's own cron.daily
     * scripts (dpkg, passwd) copy system files to /var/backups, which is not the application's backup.
     */
    private static final Pattern DUMP_TOOL = Pattern.compile("\\b(pg_dump|pg_dumpall|pg_basebackup|mysqldump|mariadb-dump|mariabackup|xtrabackup|mongodump|restic|borg)\\b|sqlite3\\b.*\\.backup\\b");

    @Override
    public Outcome run(CheckContext context) {
        HostRoot host = context.host();
        Duration every = context.params().duration(Param.EVERY).orElse(DEFAULT_EVERY);
        List<Evidence> often = new ArrayList<>();
        List<Evidence> rare = new ArrayList<>();
        List<Evidence> irregular = new ArrayList<>();
        List<Evidence> disabled = new ArrayList<>();
        for (Job job : ScheduledJobs.onHost(host)) {
            if (!makesBackup(host, job)) {
                continue;
            }
            Evidence.FileLine where = new Evidence.FileLine(job.file(), job.line(), job.schedule() + ": " + job.command());
            String timer = job.file().substring(job.file().lastIndexOf('/') + 1);
            if (timer.endsWith(".timer") && SystemdUnits.enabledBy(host, timer).isEmpty()) {
                disabled.add(new Evidence.FileLine(job.file(), job.line(), timer + " is not enabled (no timers.target.wants link): it never runs"));
            } else if (job.interval().isEmpty()) {
                irregular.add(where);
            } else if (job.interval().get().compareTo(every) <= 0) {
                often.add(where);
            } else {
                rare.add(new Evidence.FileLine(job.file(), job.line(), job.schedule() + ": " + job.command() + " (runs every "
                        + Backups.describe(job.interval().get()) + ", the item asks every " + Backups.describe(every) + ")"));
            }
        }
        String fix = "Schedule the backup at least every " + Backups.describe(every) + ": a line in /etc/cron.d/app-backup such as "
                + "'15 2 * * * root /usr/local/bin/app-backup', or a systemd timer with OnCalendar=daily enabled with systemctl enable --now app-backup.timer.";
        if (!often.isEmpty()) {
            return Outcome.pass(often.size() + " backup job(s) on " + host.describe() + " run at least every " + Backups.describe(every), often);
        }
        List<Evidence> evidence = new ArrayList<>(rare);
        evidence.addAll(irregular);
        evidence.addAll(disabled);
        if (!rare.isEmpty()) {
            return Outcome.fail("the backup on " + host.describe() + " runs less often than every " + Backups.describe(every), fix, evidence);
        }
        if (!irregular.isEmpty()) {
            return Outcome.warn("a backup job on " + host.describe() + " runs on a schedule whose interval cannot be read; every "
                    + Backups.describe(every) + " is not shown", fix, evidence);
        }
        if (!disabled.isEmpty()) {
            return Outcome.fail("the backup timer on " + host.describe() + " is not enabled", fix, evidence);
        }
        return Outcome.fail("no cron entry, cron.daily script or systemd timer on " + host.describe() + " runs a backup", fix,
                new Evidence.Note("read: /etc/crontab, /etc/cron.d, /var/spool/cron, /etc/cron.{hourly,daily,weekly,monthly}, /etc/systemd/system/*.timer"));
    }

    /** The command names a backup, or runs a script on the host that calls a dump or backup tool. */
    private static boolean makesBackup(HostRoot host, Job job) {
        if (ScheduledJobs.BACKUP_COMMAND.matcher(job.command()).find()) {
            return true;
        }
        Matcher script = SCRIPT.matcher(job.command());
        while (script.find()) {
            Optional<String> text = host.read(script.group(1));
            if (text.isPresent() && DUMP_TOOL.matcher(text.get()).find()) {
                return true;
            }
        }
        return false;
    }
}
