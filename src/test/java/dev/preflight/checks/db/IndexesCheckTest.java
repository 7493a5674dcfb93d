package dev.preflight.checks.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.db.DatabaseUrl;
import dev.preflight.collect.db.ScratchDatabases;

/** Scratch PostgreSQL databases and MariaDB on this machine, and SQLite files, with and without the indexes their keys need. */
class IndexesCheckTest {
    private static final String ITEM = "Add database indexes";
    @RegisterExtension
    static final ScratchDatabases scratch = new ScratchDatabases();

    private static Connection admin(DatabaseUrl db) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db.database() + "?user=postgres&connectTimeout=5");
    }

    private static void sql(Connection c, String... statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout(30);
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static final String[] SHOP = {
        "create schema shop",
        "create table shop.customer (id bigint primary key, region int, name text)",
        "create table shop.orders (id bigint primary key, customer_id bigint references shop.customer, placed date)",
        "create table shop.line (order_id bigint references shop.orders, n int, primary key (order_id, n))"};

    @Test
    void failsOnAPostgresForeignKeyWithoutAnIndexAndPassesOnceIndexed() throws Exception {
        DatabaseUrl db = scratch.postgresAsSuperuser();
        try (Connection c = admin(db)) {
            sql(c, SHOP);
            Outcome unindexed = DbChecks.run(new IndexesCheck(), ITEM, db);
            assertThat(unindexed.status()).isEqualTo(Status.FAIL);
            assertThat(unindexed.summary()).isEqualTo("1 foreign key(s) without an index: shop.orders(customer_id)");
            assertThat(unindexed.evidence().toString()).contains("references shop.customer (orders_customer_id_fkey)");

            sql(c, "create index on shop.orders (customer_id, placed)");
            Outcome indexed = DbChecks.run(new IndexesCheck(), ITEM, db);
            assertThat(indexed.status()).as(indexed.summary()).isEqualTo(Status.PASS);
            assertThat(indexed.summary()).isEqualTo("2 foreign key(s), each served by an index; no large table is read mostly by sequential scans");
        }
    }

    @Test
    void warnsWhenALargePostgresTableIsReadBySequentialScans() throws Exception {
        DatabaseUrl db = scratch.postgresAsSuperuser();
        try (Connection c = admin(db)) {
            sql(c, "create table events (id bigint primary key, kind int)",
                    "insert into events select g, g % 100 from generate_series(1, 20000) g", "analyze events");
            for (int i = 0; i < 60; i++) {
                sql(c, "select count(*) from events where kind = " + (i % 100));
            }
            sql(c, "select pg_stat_force_next_flush()");
        }
        Outcome outcome = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            outcome = DbChecks.run(new IndexesCheck(), ITEM, db);
            if (outcome.status() != Status.PASS) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.WARN);
        assertThat(outcome.evidence().toString()).contains("0 foreign key(s), 0 without an index");
        assertThat(outcome.summary()).isEqualTo("1 table(s) read mostly by sequential scans: public.events");
        assertThat(outcome.evidence().toString()).containsPattern("public.events seq_scan 6\\d, idx_scan 0, \\d{5} rows read per scan, \\d{5} live rows");
    }

    @Test
    void judgesSqliteForeignKeysByTheirIndexesOrTheRowid(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            sql(c, "create table customer (id integer primary key, name text)",
                    "create table orders (id integer primary key, customer_id integer references customer(id))",
                    "create table profile (customer_id integer primary key references customer(id))");
        }
        DatabaseUrl url = DatabaseUrl.parse("jdbc:sqlite:" + file);
        Outcome unindexed = DbChecks.run(new IndexesCheck(), ITEM, url);
        assertThat(unindexed.status()).isEqualTo(Status.FAIL);
        assertThat(unindexed.summary()).isEqualTo("1 foreign key(s) without an index: orders(customer_id)");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            sql(c, "create index orders_customer on orders (customer_id)");
        }
        Outcome indexed = DbChecks.run(new IndexesCheck(), ITEM, url);
        assertThat(indexed.status()).as(indexed.summary()).isEqualTo(Status.PASS);
        assertThat(indexed.summary()).isEqualTo("2 foreign key(s), each served by an index");
    }

    @Test
    void passesOnMariadbWhoseEngineIndexesEveryForeignKey() throws Exception {
        DatabaseUrl db = scratch.mariadbAsRoot();
        Outcome outcome = DbChecks.run(new IndexesCheck(), ITEM, db);
        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).contains("InnoDB creates an index for every foreign key itself");
    }

    @Test
    void errsWhenThePostgresServerRefusesTheLogin() throws Exception {
        DatabaseUrl wrong = DatabaseUrl.parse("postgresql://pf_nobody:secret-pw@127.0.0.1:5432/postgres");
        Outcome outcome = DbChecks.run(new IndexesCheck(), ITEM, wrong);
        assertThat(outcome.status()).isEqualTo(Status.ERROR);
        assertThat(outcome.summary() + outcome.evidence()).doesNotContain("secret-pw");
    }
}
