package dev.preflight.checks.backup;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.checks.db.Databases;
import dev.preflight.collect.db.DatabaseProbe;
import dev.preflight.collect.db.DatabaseUrl;
import dev.preflight.collect.db.DatabaseUrl.Kind;
import dev.preflight.collect.db.RestoreDrill;
import dev.preflight.collect.db.RowCounts;
import dev.preflight.collect.host.BackupFiles;
import dev.preflight.collect.host.HostRoot;

/**
 * Restores the newest backup of the location into a scratch database made through the
 * administrative URL ({@link RestoreDrill}), and compares its tables and row counts with the
 * application's live database of the same kind, read-only. The restore time is the RTO evidence.
 */
@CheckInfo(id = "backup.restore-drill", title = "The newest backup restores into a scratch database and passes sanity queries",
        target = TargetKind.DB, severity = Severity.HIGH, active = true, selfTimed = true,
        phrases = {"\\b(test|verify)\\w*\\b.*\\brestor", "\\brestor\\w* (test|drill)", "\\bbackup (testing|restoration)"},
        params = {"location", "duration"}, related = {"pg_restore"})
public final class RestoreDrillCheck implements Check {
    /** How far a table's restored rows may be from the live table's, as a share of the larger: backups trail the live data. */
    static final double TOLERANCE = 0.10;
    /** The restore's time bound unless the item gives one ("restore within 30m"); the run's deadline still applies. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(4);

    @Override
    public Outcome run(CheckContext context) {
        return Backups.atLocation(context, "... restored from /var/backups/app", RestoreDrillCheck::drill);
    }

    private static Outcome drill(CheckContext context, String location) {
        HostRoot root = context.host() != null ? context.host() : HostRoot.live();
        List<BackupFiles.BackupFile> backups = BackupFiles.in(root, location);
        String fix = "Make the backup job write a complete dump of the application's database to " + location
                     + ", and restore it by hand once to see the error.";
        if (backups.isEmpty()) {
            return Outcome.fail("no backup in " + location, fix);
        }
        BackupFiles.BackupFile newest = backups.getFirst();
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence.Note("newest backup: " + newest.hostPath() + " (" + newest.size() + " bytes, " + newest.modified() + ")"));
        if (newest.size() == 0) {
            return Outcome.fail("the newest backup " + newest.hostPath() + " is empty", fix, evidence);
        }
        Duration timeout = context.params().text(Param.DURATION).map(Param::duration).orElse(DEFAULT_TIMEOUT);
        // The live counts do not depend on the restore: they are read while it runs, so the drill costs little beyond it.
        DatabaseUrl live = RestoreDrill.format(newest.file()).flatMap(f -> context.db().of(f.kind()).stream().findFirst()).orElse(null);
        FutureTask<Map<String, Long>> liveRows = live == null ? null : new FutureTask<>(() -> RowCounts.live(live));
        if (liveRows != null) {
            Thread.ofVirtual().name("preflight-live-counts").start(liveRows);
        }
        RestoreDrill.Result result;
        try {
            result = RestoreDrill.run(newest.file(), context.restore().admin(), timeout, agreement(liveRows));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.error("the restore drill was interrupted; its scratch database was dropped", evidence.toArray(Evidence[]::new));
        } finally {
            if (liveRows != null && Thread.currentThread().isInterrupted()) {
                liveRows.cancel(true);
            }
        }
        if (!(result instanceof RestoreDrill.Result.Restored) && liveRows != null) {
            liveRows.cancel(true);
        }
        return switch (result) {
            case RestoreDrill.Result.NeedsAdmin n -> Outcome.unverified("the newest backup is a " + n.format().label()
                    + ": give an administrative " + n.format().kind().label() + " URL for its scratch database with --restore-db URL"
                    + " or backup.restoreDb in preflight.yaml");
            case RestoreDrill.Result.Unable u -> Outcome.error(u.reason(), evidence.toArray(Evidence[]::new));
            case RestoreDrill.Result.Failed f -> Outcome.fail("the newest backup does not restore: " + f.reason(), fix, evidence);
            case RestoreDrill.Result.Restored r -> compare(r, context.db(), live, liveRows, evidence);
        };
    }

    private static Outcome compare(RestoreDrill.Result.Restored restored, DatabaseProbe db, DatabaseUrl live,
                                   FutureTask<Map<String, Long>> counting, List<Evidence> evidence) {
        long rows = restored.rows().values().stream().mapToLong(Long::longValue).sum();
        evidence.add(new Evidence.Note("format: " + restored.format().label()));
        evidence.add(new Evidence.Measurement("restore time (RTO)", restored.took().toMillis() / 1000.0, "s"));
        evidence.add(new Evidence.Note("restored " + restored.rows().size() + " tables, " + rows + " rows"));
        String what = restored.rows().size() + " tables, " + rows + " rows restored in " + seconds(restored.took());
        String fix = "Check that the backup job dumps the application's database in full and that it ran recently;"
                     + " restore the dump by hand to see which tables are short.";
        if (restored.rows().isEmpty()) {
            return Outcome.fail("the newest backup restores no table", fix, evidence);
        }
        if (live == null) {
            return Outcome.warn(what + ", but no " + restored.format().kind().label() + " database among --db to compare them with",
                    "Give the application's database with --db so that the drill can compare tables and rows.", evidence);
        }
        Map<String, Long> liveRows;
        try {
            liveRows = counting.get();
        } catch (ExecutionException e) {
            return Outcome.error("restored (" + what + "), but the live database " + live.redacted()
                                 + " cannot be read to compare: " + firstLine(e.getCause(), live), evidence.toArray(Evidence[]::new));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.error("the restore drill was interrupted while counting the live rows", evidence.toArray(Evidence[]::new));
        }
        evidence.add(new Evidence.Note("compared with " + live.redacted() + (live.kind() == Kind.POSTGRESQL
                ? " (rows from PostgreSQL's statistics on both sides, counted exactly where they disagree)" : "")));
        List<String> missing = new ArrayList<>();
        List<String> off = new ArrayList<>();
        // The live side of PostgreSQL is its statistics: the tables they put off the restored copy are counted exactly, on one connection.
        List<String> disputed = live.kind() != Kind.POSTGRESQL ? List.of() : liveRows.entrySet().stream()
                .filter(t -> restored.rows().containsKey(t.getKey()) && !within(restored.rows().get(t.getKey()), t.getValue()))
                .map(Map.Entry::getKey).toList();
        Map<String, Long> exact;
        try {
            exact = disputed.isEmpty() ? Map.of() : RowCounts.exactLive(live, disputed);
        } catch (SQLException e) {
            return Outcome.error("restored (" + what + "), but " + String.join(", ", disputed) + " of the live database cannot be counted: "
                                 + firstLine(e, live), evidence.toArray(Evidence[]::new));
        }
        for (Map.Entry<String, Long> t : liveRows.entrySet()) {
            Long got = restored.rows().get(t.getKey());
            if (got == null) {
                missing.add(t.getKey());
                continue;
            }
            long count = exact.getOrDefault(t.getKey(), t.getValue());
            if (!within(got, count)) {
                off.add(t.getKey() + " " + got + " rows restored, " + count + " live");
            }
        }
        missing.forEach(t -> evidence.add(new Evidence.Note("missing table: " + t)));
        off.forEach(t -> evidence.add(new Evidence.Note("row count off: " + t)));
        if (!missing.isEmpty() || !off.isEmpty()) {
            return Databases.withUrl(Outcome.fail((missing.isEmpty() ? "" : missing.size() + " live tables missing from the backup")
                    + (missing.isEmpty() || off.isEmpty() ? "" : ", ")
                    + (off.isEmpty() ? "" : off.size() + " tables' row counts more than " + Math.round(TOLERANCE * 100)
                                            + "% off the live database"), fix, evidence), db, live);
        }
        return Databases.withUrl(Outcome.pass(what + "; every live table present, row counts within " + Math.round(TOLERANCE * 100) + "%",
                evidence), db, live);
    }

    /** A restored table's quick count is taken when it is within the tolerance of the live count; without live counts, never. */
    private static RowCounts.Agreement agreement(FutureTask<Map<String, Long>> liveRows) {
        if (liveRows == null) {
            return RowCounts.Agreement.NONE;
        }
        return (table, quick) -> {
            try {
                Long live = liveRows.get().get(table);
                return live != null && within(quick, live);
            } catch (ExecutionException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        };
    }

    static boolean within(long restored, long live) {
        return Math.abs(restored - live) <= Math.ceil(TOLERANCE * Math.max(restored, live));
    }

    private static String firstLine(Throwable e, DatabaseUrl url) {
        String line = e.getMessage() == null ? "no reason given" : e.getMessage().lines().findFirst().orElse("").strip();
        return url.password() == null ? line : line.replace(url.password(), "***");
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
