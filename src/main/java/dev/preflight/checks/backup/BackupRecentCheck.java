package dev.preflight.checks.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.host.BackupFiles;
import dev.preflight.collect.host.BackupFiles.BackupFile;
import dev.preflight.collect.host.HostRoot;

/**
 * The newest file in the backup location is younger than the item's interval (daily unless it says
 * otherwise) plus {@link #SLACK}, and holds something: not zero bytes, not a gzip of nothing.
 */
@CheckInfo(id = "backup.recent", title = "The newest backup is recent and not empty", target = TargetKind.HOST,
        phrases = {"\\bbackup (verification|job (execution|status))", "\\bbackups? (are )?running", "^back ?up\\s+(?!scripts?\\b|strateg|restor|testing\\b|retention\\b)\\S",
                "newest backup", "\\bbackup script execution"},
        params = {"every", "location"})
public final class BackupRecentCheck implements Check {
    /** A nightly job that starts at 02:00 one day and 02:30 the next, or runs for an hour, is still on time. */
    static final Duration SLACK = Duration.ofHours(2);

    @Override
    public Outcome run(CheckContext context) {
        return Backups.atLocation(context, "… exists in /var/backups/app", BackupRecentCheck::judge);
    }

    private static Outcome judge(CheckContext context, String dir) {
        HostRoot host = context.host();
        if (!host.isDirectory(dir)) {
            return Outcome.fail(dir + " does not exist on " + host.describe() + ": no backup there",
                    "Point the backup job at " + dir + " (or name the directory it writes to) and run it once by hand.");
        }
        List<BackupFile> backups = BackupFiles.in(host, dir);
        if (backups.isEmpty()) {
            return Outcome.fail("no backup in " + dir + " on " + host.describe(),
                    "Run the backup job once by hand and read its log: it writes nothing to " + dir + ".");
        }
        Duration every = context.params().duration(Param.EVERY).orElse(BackupScheduleCheck.DEFAULT_EVERY);
        Duration allowed = every.plus(SLACK);
        BackupFile newest = backups.getFirst();
        Duration age = Duration.between(newest.modified(), Instant.now());
        // A file from the future (a skewed clock) counts as just written.
        String ago = Backups.describe(age.isNegative() ? Duration.ZERO : age.truncatedTo(ChronoUnit.MINUTES));
        Evidence.FileLine where = new Evidence.FileLine(newest.hostPath(), 0, newest.size() + " bytes, written " + newest.modified()
                + " (" + ago + " ago)");
        if (age.compareTo(allowed) > 0) {
            return Outcome.fail("the newest backup in " + dir + " is " + Backups.describe(age.truncatedTo(ChronoUnit.HOURS))
                    + " old; the item asks every " + Backups.describe(every) + " (allowed: " + Backups.describe(allowed) + ")",
                    "The backup job has stopped: check its cron or timer (backup.schedule) and its log, then run it by hand.", where);
        }
        Optional<String> empty = emptiness(newest);
        if (empty.isPresent()) {
            return Outcome.fail("the newest backup " + newest.hostPath() + " " + empty.get(),
                    "The dump wrote nothing: run the backup command by hand and read its errors (credentials, disk full, a pipe that hides the exit code: set -o pipefail).",
                    where);
        }
        return Outcome.pass("the newest backup in " + dir + " is " + ago + " old and holds data", where);
    }

    /** Why the file holds nothing (zero bytes, a gzip of nothing, not a gzip at all), or empty when it holds data. */
    private static Optional<String> emptiness(BackupFile backup) {
        if (backup.size() == 0) {
            return Optional.of("is empty (0 bytes)");
        }
        if (!backup.hostPath().endsWith(".gz") && !backup.hostPath().endsWith(".tgz")) {
            return Optional.empty();
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(backup.file()))) {
            return in.read() < 0 ? Optional.of("is a gzip of nothing (" + backup.size() + " bytes, no content)") : Optional.empty();
        } catch (IOException e) {
            return Optional.of("is not a readable gzip (" + e.getMessage() + ")");
        }
    }
}
