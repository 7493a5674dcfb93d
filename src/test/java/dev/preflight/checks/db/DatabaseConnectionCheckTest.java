package dev.preflight.checks.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.db.DatabaseUrl;
import dev.preflight.collect.db.ScratchDatabases;

/** Against the PostgreSQL and MariaDB servers of this machine and SQLite files made here. */
class DatabaseConnectionCheckTest {
    private static final String ITEM = "Database connection verified";
    @RegisterExtension
    static final ScratchDatabases scratch = new ScratchDatabases();
    static DatabaseUrl postgres;
    static DatabaseUrl mariadb;

    @BeforeAll
    static void create() throws Exception {
        postgres = scratch.postgresWithRestrictedUser();
        mariadb = scratch.mariadbWithRestrictedUser();
    }


    @Test
    void passesWhenEachDatabaseAnswersWithItsVersion(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("create table t (x)");
        }
        Outcome outcome = DbChecks.run(new DatabaseConnectionCheck(), ITEM, postgres, mariadb, DatabaseUrl.parse(file.toString()));

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).contains(postgres.redacted() + ": PostgreSQL 15", "answers at 127.0.0.1:5432 as " + postgres.user(),
                mariadb.redacted() + ": MariaDB ", "SQLite 3.");
        assertThat(outcome.evidence()).extracting(Evidence::describe).contains("database: " + postgres.redacted());
        assertThat(outcome.toString()).doesNotContain(postgres.password()).doesNotContain(mariadb.password());
    }

    @Test
    void failsAsErrorWithOneLineWhenTheServerIsDownOrTheLoginIsRefused() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        DatabaseUrl down = DatabaseUrl.parse("postgresql://app:hunter2-secret@127.0.0.1:" + closed + "/app");
        Outcome outcome = DbChecks.run(new DatabaseConnectionCheck(), ITEM, down);

        assertThat(outcome.status()).isEqualTo(Status.ERROR);
        assertThat(outcome.summary()).isEqualTo("connection refused at 127.0.0.1:" + closed + " (is the server running and listening there?)");
        assertThat(outcome.toString()).doesNotContain("hunter2").doesNotContain("Exception");

        DatabaseUrl wrong = DatabaseUrl.parse(mariadb.text().replace(mariadb.password(), "wrong-password-1"));
        Outcome refused = DbChecks.run(new DatabaseConnectionCheck(), ITEM, wrong);
        assertThat(refused.status()).isEqualTo(Status.ERROR);
        assertThat(refused.summary()).isEqualTo("authentication failed for user " + mariadb.user() + " at 127.0.0.1:3306");
        assertThat(refused.toString()).doesNotContain("wrong-password-1");
    }

    @Test
    void skipsAsNotApplicableWhenOnlyRedisIsGiven() throws Exception {
        Outcome outcome = DbChecks.run(new DatabaseConnectionCheck(), ITEM, DatabaseUrl.parse("redis://:pw@127.0.0.1:6379"));

        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.isUnverified()).isFalse();
        assertThat(outcome.summary()).isEqualTo("no PostgreSQL or MySQL/MariaDB or SQLite database among --db redis://:***@127.0.0.1:6379");
    }
}
