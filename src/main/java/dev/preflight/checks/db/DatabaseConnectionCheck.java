package dev.preflight.checks.db;

import java.util.List;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.db.DatabaseFacts;
import dev.preflight.collect.db.DatabaseUrl.Kind;

/** Each PostgreSQL, MySQL/MariaDB and SQLite database given answers, with its version and the user it runs as. */
@CheckInfo(id = "db.connection", title = "The database answers on the configured URL", target = TargetKind.DB,
        phrases = {"database (connection|connectivity)", "database[-_ ]url", "\\bcreate (a |the )?database\\b(?! user)",
                "postgres(ql)? (server|production instance|instance)", "\\bdb connection"},
        related = {"pg_isready"})
public final class DatabaseConnectionCheck implements Check {

    @Override
    public Outcome run(CheckContext context) {
        return Databases.judge(context, List.of(Kind.POSTGRESQL, Kind.MYSQL, Kind.SQLITE), DatabaseConnectionCheck::judge);
    }

    private static Outcome judge(DatabaseFacts.Reached facts) {
        String as = facts.user() == null ? "" : " as " + facts.user();
        return Outcome.pass(facts.version() + " answers at " + facts.url().address() + as,
                new Evidence.Note("server version: " + facts.version()));
    }
}
