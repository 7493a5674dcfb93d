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

/** An SQLite file runs in WAL mode (readers do not block the writer) and PRAGMA integrity_check finds it sound. */
@CheckInfo(id = "db.sqlite-wal", title = "SQLite runs in WAL mode and passes integrity_check", target = TargetKind.DB,
        severity = Severity.MEDIUM,
        phrases = {"\\bWAL mode", "journal[_ ]mode", "write-ahead log", "integrity[_ ]check"})
public final class SqliteWalCheck implements Check {
    /** integrity_check lists up to 100 problems; the first few say enough. */
    private static final int PROBLEMS_SHOWN = 5;
    private static final int INTEGRITY_LIMIT = 100;

    @Override
    public Outcome run(CheckContext context) {
        return Databases.judge(context, List.of(Kind.SQLITE), SqliteWalCheck::judge);
    }

    private static Outcome judge(DatabaseFacts.Reached facts) {
        DatabaseFacts.Sqlite sqlite = facts.sqlite();
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence.Note("journal_mode: " + sqlite.journalMode()));
        evidence.add(new Evidence.Note("integrity_check: " + String.join("; ", sqlite.integrity().stream().limit(PROBLEMS_SHOWN).toList())));
        List<String> problems = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        if (!"wal".equalsIgnoreCase(sqlite.journalMode())) {
            problems.add("journal_mode is " + sqlite.journalMode() + ", not wal");
            fixes.add("Run PRAGMA journal_mode=WAL; once on the file (it is persistent), with the application stopped.");
        }
        if (!sqlite.intact()) {
            int n = sqlite.integrity().size();
            problems.add("integrity_check found " + (n >= INTEGRITY_LIMIT ? INTEGRITY_LIMIT + " or more problems" : n + (n == 1 ? " problem" : " problems")));
            fixes.add("Restore the newest sound backup, or rebuild the file with sqlite3 app.db '.recover' | sqlite3 fixed.db and check it again.");
        }
        if (problems.isEmpty()) {
            return Outcome.pass(facts.version() + ": journal_mode wal, integrity_check ok", evidence);
        }
        return Outcome.fail(String.join("; ", problems), String.join(" ", fixes), evidence);
    }
}
