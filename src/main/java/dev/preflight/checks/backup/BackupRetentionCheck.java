package dev.preflight.checks.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.host.BackupFiles;
import dev.preflight.collect.host.BackupFiles.BackupFile;
import dev.preflight.collect.host.HostRoot;

/**
 * The backup location holds no backup older than the item's retention (plus {@link #SLACK}), and
 * about as many younger ones as the schedule writes in that window.
 */
@CheckInfo(id = "backup.retention", title = "Old backups are pruned as the retention says", target = TargetKind.HOST,
        severity = Severity.MEDIUM,
        phrases = {"\\bretention\\b", "\\bkeep \\d+ (days|weeks|months)", "old backups? (are )?(pruned|deleted|cleaned)"},
        params = {"retention", "location"})
public final class BackupRetentionCheck implements Check {
    /** A pruning job that runs once a day deletes a file up to a day after it passes the retention. */
    static final Duration SLACK = Duration.ofDays(1);

    @Override
    public Outcome run(CheckContext context) {
        return Backups.atLocation(context, "… exists in /var/backups/app", BackupRetentionCheck::judge);
    }

    private static Outcome judge(CheckContext context, String dir) {
        HostRoot host = context.host();
        List<BackupFile> backups = BackupFiles.in(host, dir);
        if (backups.isEmpty()) {
            return Outcome.fail("no backup in " + dir + " on " + host.describe() + ": nothing is retained",
                    "Run the backup job once by hand and check that it writes to " + dir + " (backup.recent says more).");
        }
        BackupFile oldest = backups.getLast();
        Evidence span = new Evidence.Note(backups.size() + " backup(s) in " + dir + ", oldest " + oldest.hostPath() + " of " + oldest.modified()
                + ", newest " + backups.getFirst().hostPath() + " of " + backups.getFirst().modified());
        Optional<Duration> retention = context.params().duration(Param.RETENTION);
        if (retention.isEmpty()) {
            return Outcome.notApplicable("the item states no retention (\"keep 30 days\"), so no pruning can be judged; " + backups.size()
                    + " backup(s) in " + dir + " since " + oldest.modified());
        }
        Instant now = Instant.now();
        Instant cutoff = now.minus(retention.get()).minus(SLACK);
        List<BackupFile> expired = backups.stream().filter(b -> b.modified().isBefore(cutoff)).toList();
        String fix = "Prune in the backup job, after a successful backup: find " + dir + " -type f -mtime +" + retention.get().toDays()
                + " -delete (or restic forget --keep-within " + retention.get().toDays() + "d --prune).";
        if (!expired.isEmpty()) {
            return Outcome.fail(expired.size() + " of " + backups.size() + " backup(s) in " + dir + " are older than the retention of "
                    + Backups.describe(retention.get()) + " (oldest " + oldest.modified() + "): old backups are not pruned", fix,
                    List.of(new Evidence.FileLine(oldest.hostPath(), 0, "written " + oldest.modified()), span));
        }
        Duration every = context.params().duration(Param.EVERY).orElse(BackupScheduleCheck.DEFAULT_EVERY);
        long expected = retention.get().dividedBy(every);
        Instant windowStart = now.minus(retention.get());
        long inWindow = backups.stream().filter(b -> !b.modified().isBefore(windowStart)).count();
        // One missed run is tolerated: the window's edges cut a run in or out depending on the minute.
        if (inWindow < expected - 1) {
            return Outcome.warn("only " + inWindow + " backup(s) in the last " + Backups.describe(retention.get()) + " in " + dir + "; a backup every "
                    + Backups.describe(every) + " kept " + Backups.describe(retention.get()) + " should leave about " + expected,
                    "Backups are missing or pruned too early: compare the prune age in the backup job with the retention, and read the job's log for failed runs.",
                    List.of(span));
        }
        return Outcome.pass("no backup in " + dir + " is older than " + Backups.describe(retention.get()) + " (+" + Backups.describe(SLACK)
                + " slack); " + inWindow + " backup(s) in the window", span);
    }
}
