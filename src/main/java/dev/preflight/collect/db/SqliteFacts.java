package dev.preflight.collect.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** An SQLite file's journal mode and integrity, read through a read-only connection. */
final class SqliteFacts {
    private SqliteFacts() {
    }

    static DatabaseFacts.Reached read(DatabaseUrl url, Connection c) throws SQLException {
        String version = "SQLite " + Queries.value(c, "select sqlite_version()");
        String mode = Queries.value(c, "pragma journal_mode");
        List<String> integrity = Queries.rows(c, "pragma integrity_check").stream().map(List::getFirst).toList();
        return new DatabaseFacts.Reached(url, version, null, null, null, null, null, new DatabaseFacts.Sqlite(mode, integrity));
    }
}
