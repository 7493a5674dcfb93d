package dev.preflight.checks.db;

import java.util.ArrayList;
import java.util.List;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.db.DatabaseFacts;
import dev.preflight.collect.db.DatabaseUrl.Kind;
import dev.preflight.collect.db.IndexUsage;

/**
 * Every foreign key of the application's schemas is served by an index whose leading columns are
 * the key's, and no large PostgreSQL table is read mostly by sequential scans.
 */
@CheckInfo(id = "db.indexes", title = "Foreign keys are indexed and no table is scanned heavily", target = TargetKind.DB,
        severity = Severity.LOW,
        phrases = {"\\bindex(es)?\\b(?!\\.)", "\\bindices\\b"})
public final class IndexesCheck implements Check {
    private static final int NAMED = 3;

    @Override
    public Outcome run(CheckContext context) {
        return Databases.judge(context, List.of(Kind.POSTGRESQL, Kind.MYSQL, Kind.SQLITE), IndexesCheck::judge);
    }

    private static Outcome judge(DatabaseFacts.Reached facts) {
        if (facts.url().kind() == Kind.MYSQL) {
            return Outcome.pass(facts.version() + ": InnoDB creates an index for every foreign key itself, and keeps no scan counts per table",
                    new Evidence.Note("MySQL/MariaDB: a foreign key without a usable index cannot be created"));
        }
        return switch (IndexUsage.read(facts.url())) {
            case IndexUsage.Unreadable u -> Outcome.error(u.reason());
            case IndexUsage.Read r -> judge(r, facts.url().kind() == Kind.POSTGRESQL);
        };
    }

    /** @param scansCounted the server keeps scan counts per table (PostgreSQL; SQLite keeps none) */
    static Outcome judge(IndexUsage.Read usage, boolean scansCounted) {
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence.Note(usage.foreignKeys() + " foreign key(s), " + usage.unindexed().size() + " without an index"));
        List<String> keys = new ArrayList<>();
        for (IndexUsage.ForeignKey fk : usage.unindexed()) {
            String key = fk.table() + "(" + String.join(", ", fk.columns()) + ")";
            keys.add(key);
            evidence.add(new Evidence.Note("no index: " + key + " references " + fk.references() + " (" + fk.name() + ")"));
        }
        List<String> tables = new ArrayList<>();
        for (IndexUsage.SeqScans s : usage.heavy()) {
            tables.add(s.table());
            evidence.add(new Evidence.Note("sequential scans: " + s.table() + " seq_scan " + s.seqScans() + ", idx_scan " + s.indexScans()
                                           + ", " + s.rowsPerScan() + " rows read per scan, " + s.liveRows() + " live rows"));
        }
        if (!keys.isEmpty()) {
            return Outcome.fail(keys.size() + " foreign key(s) without an index: " + named(keys)
                                + (tables.isEmpty() ? "" : "; " + tables.size() + " table(s) scanned sequentially: " + named(tables)),
                    "Create an index on each key's columns, e.g. CREATE INDEX CONCURRENTLY ON orders (customer_id); without it every "
                    + "delete or key update of the referenced row reads the whole referencing table, and joins on the key scan it.",
                    evidence);
        }
        if (!tables.isEmpty()) {
            return Outcome.warn(tables.size() + " table(s) read mostly by sequential scans: " + named(tables),
                    "Find the queries that scan them (pg_stat_statements, EXPLAIN) and index the columns they filter or join on.", evidence);
        }
        return Outcome.pass((usage.foreignKeys() == 0 ? "no foreign keys" : usage.foreignKeys() + " foreign key(s), each served by an index")
                            + (scansCounted ? "; no large table is read mostly by sequential scans" : ""), evidence);
    }

    private static String named(List<String> items) {
        String shown = String.join(", ", items.subList(0, Math.min(NAMED, items.size())));
        return items.size() > NAMED ? shown + " and " + (items.size() - NAMED) + " more" : shown;
    }
}
