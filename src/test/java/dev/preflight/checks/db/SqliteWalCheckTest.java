package dev.preflight.checks.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.db.DatabaseUrl;

/** SQLite files made here in both journal modes, and one damaged on purpose. */
class SqliteWalCheckTest {
    private static final String ITEM = "SQLite WAL mode enabled";

    @TempDir
    Path dir;

    private Path database(String name, String journalMode) throws Exception {
        Path file = dir.resolve(name);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("pragma journal_mode=" + journalMode);
            s.execute("create table notes (id integer primary key, body text, other text)");
            s.execute("create index notes_body on notes (body)");
            for (int i = 0; i < 200; i++) {
                s.execute("insert into notes (body, other) values ('note " + i + "', '" + (200 - i) + "')");
            }
        }
        return file;
    }

    @Test
    void passesForAWalFileThatIsSound() throws Exception {
        Path file = database("app.db", "wal");
        long before = Files.size(file);

        Outcome outcome = DbChecks.run(new SqliteWalCheck(), ITEM, DatabaseUrl.parse("jdbc:sqlite:" + file));

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).matches("SQLite 3\\.\\d+\\.\\d+: journal_mode wal, integrity_check ok");
        assertThat(Files.size(file)).isEqualTo(before);
    }

    @Test
    void failsForARollbackJournalFile() throws Exception {
        Path file = database("legacy.sqlite3", "delete");

        Outcome outcome = DbChecks.run(new SqliteWalCheck(), ITEM, DatabaseUrl.parse(file.toString()));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("journal_mode is delete, not wal");
        assertThat(outcome.remediation()).contains("PRAGMA journal_mode=WAL");
    }

    @Test
    void failsWhenIntegrityCheckFindsDamage() throws Exception {
        Path file = database("damaged.db", "wal");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            // Say the index covers another column than the one it holds: its entries no longer match the rows.
            s.execute("pragma writable_schema=on");
            s.execute("update sqlite_master set sql = 'CREATE INDEX notes_body on notes (other)' where name = 'notes_body'");
        }

        Outcome outcome = DbChecks.run(new SqliteWalCheck(), ITEM, DatabaseUrl.parse(file.toString()));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("integrity_check found 100 or more problems");
        assertThat(outcome.evidence()).extracting(Evidence::describe).anyMatch(e -> e.startsWith("integrity_check: ") && !e.endsWith(": ok"));
    }
}
