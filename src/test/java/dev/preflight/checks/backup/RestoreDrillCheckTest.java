package dev.preflight.checks.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.CheckContext;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Status;
import dev.preflight.collect.db.DatabaseProbe;
import dev.preflight.collect.db.DatabaseUrl;
import dev.preflight.collect.db.RowCounts;
import dev.preflight.collect.db.RestoreSettings;
import dev.preflight.collect.db.ScratchDatabases;
import dev.preflight.load.LoadRuns;
import dev.preflight.load.Scenarios;

/**
 * The drill against the machine's PostgreSQL and MariaDB and real SQLite files: real pg_dump,
 * mariadb-dump and sqlite3 backups of scratch databases, restored into the drill's own scratch
 * database, which is gone afterwards, and the live database unchanged.
 */
class RestoreDrillCheckTest {
    @RegisterExtension
    static final ScratchDatabases SCRATCH = new ScratchDatabases();
    private static final DatabaseUrl POSTGRES_ADMIN = DatabaseUrl.parse(ScratchDatabases.POSTGRES_ADMIN);
    private static final DatabaseUrl MARIADB_ADMIN = DatabaseUrl.parse(ScratchDatabases.MARIADB_ADMIN);

    @TempDir
    Path backups;

    @Test
    void passesOnAPostgresCustomDump() throws Exception {
        DatabaseUrl live = postgresApp();
        tool("pg_dump", "-Fc", "-h", "127.0.0.1", "-U", "postgres", "-f", backups.resolve("app.dump").toString(), live.database());
        Outcome outcome = drilled(live, POSTGRES_ADMIN);
        assertEquals(Status.PASS, outcome.status(), outcome.summary());
        assertTrue(outcome.summary().contains("2 tables, 150 rows"), outcome.summary());
    }

    @Test
    void passesOnAGzippedPostgresPlainDump() throws Exception {
        DatabaseUrl live = postgresApp();
        Path plain = backups.resolve("app.sql");
        tool("pg_dump", "-h", "127.0.0.1", "-U", "postgres", "-f", plain.toString(), live.database());
        tool("gzip", plain.toString());
        Outcome outcome = drilled(live, POSTGRES_ADMIN);
        assertEquals(Status.PASS, outcome.status(), outcome.summary());
    }

    @Test
    void failsOnAnOlderDumpWithRowsMissing() throws Exception {
        DatabaseUrl live = postgresApp();
        tool("pg_dump", "-Fc", "-h", "127.0.0.1", "-U", "postgres", "-f", backups.resolve("app.dump").toString(), live.database());
        sql(live, "insert into users select g, 'later ' || g from generate_series(101, 200) g");
        awaitStatistics(live, "users", 200);
        Outcome outcome = drilled(live, POSTGRES_ADMIN);
        assertEquals(Status.FAIL, outcome.status(), outcome.summary());
        assertTrue(outcome.evidence().toString().contains("public.users 100 rows restored, 200 live"), outcome.evidence().toString());
    }

    @Test
    void passesOnExactCountsWhenTheLiveStatisticsWereReset() throws Exception {
        DatabaseUrl live = postgresApp();
        tool("pg_dump", "-Fc", "-h", "127.0.0.1", "-U", "postgres", "-f", backups.resolve("app.dump").toString(), live.database());
        sql(live, "select pg_stat_reset()");
        Outcome outcome = drilled(live, POSTGRES_ADMIN);
        assertEquals(Status.PASS, outcome.status(), outcome.summary());
        assertTrue(outcome.summary().contains("150 rows restored"), outcome.summary());
    }

    @Test
    void failsOnATruncatedDump() throws Exception {
        DatabaseUrl live = postgresApp();
        Path dump = backups.resolve("app.dump");
        tool("pg_dump", "-Fc", "-h", "127.0.0.1", "-U", "postgres", "-f", dump.toString(), live.database());
        byte[] whole = Files.readAllBytes(dump);
        Files.write(dump, java.util.Arrays.copyOf(whole, whole.length / 2));
        Outcome outcome = drilled(live, POSTGRES_ADMIN);
        assertEquals(Status.FAIL, outcome.status(), outcome.summary());
        assertTrue(outcome.summary().contains("pg_restore failed"), outcome.summary());
    }

    @Test
    void failsOnADumpThatConnectsToItsOwnDatabase() throws Exception {
        DatabaseUrl live = postgresApp();
        tool("pg_dump", "--create", "-h", "127.0.0.1", "-U", "postgres", "-f", backups.resolve("app.sql").toString(), live.database());
        Outcome outcome = drilled(live, POSTGRES_ADMIN);
        assertEquals(Status.FAIL, outcome.status(), outcome.summary());
        assertTrue(outcome.summary().contains("leaves its database"), outcome.summary());
    }

    @Test
    void failsOnAPlainDumpThatRunsAShellCommand() throws Exception {
        DatabaseUrl live = postgresApp();
        Path plain = backups.resolve("app.sql");
        tool("pg_dump", "-h", "127.0.0.1", "-U", "postgres", "-f", plain.toString(), live.database());
        Path planted = backups.resolveSibling("planted-" + live.database());
        Files.writeString(plain, Files.readString(plain) + "\\! touch " + planted + "\n");
        Outcome outcome = drilled(live, POSTGRES_ADMIN);
        assertEquals(Status.FAIL, outcome.status(), outcome.summary());
        assertTrue(!Files.exists(planted), "psql ran the dump's shell command");
    }

    @Test
    void failsOnAFileThatIsNoBackup() throws Exception {
        DatabaseUrl live = postgresApp();
        Files.writeString(backups.resolve("app.dump"), "not a dump\n");
        Outcome outcome = drilled(live, POSTGRES_ADMIN);
        assertEquals(Status.FAIL, outcome.status(), outcome.summary());
    }

    @Test
    void passesOnAMariadbDump() throws Exception {
        DatabaseUrl live = SCRATCH.mariadbAsRoot();
        sql(live, "create table users (id int primary key, name varchar(40))");
        sql(live, "insert into users select seq, concat('user ', seq) from seq_1_to_80");
        ProcessBuilder dump = new ProcessBuilder("mariadb-dump", "--no-defaults", "-h", "127.0.0.1", "-u", "root", live.database())
                .redirectOutput(backups.resolve("app.sql").toFile());
        run(dump);
        Outcome outcome = drilled(live, MARIADB_ADMIN);
        assertEquals(Status.PASS, outcome.status(), outcome.summary());
        assertTrue(outcome.summary().contains("1 tables, 80 rows"), outcome.summary());
    }

    @Test
    void passesOnAnSqliteBackupAndFailsWhenATableIsMissing() throws Exception {
        Path app = Files.createTempDirectory("pf-live").resolve("app.db");
        DatabaseUrl live = DatabaseUrl.parse("jdbc:sqlite:" + app);
        sqlite(app, "create table notes (id integer primary key, body text)");
        sqlite(app, "insert into notes (body) select 'note' from (with recursive n(i) as (select 1 union all select i + 1 from n where i < 30) select i from n)");
        tool("sqlite3", app.toString(), ".backup " + backups.resolve("app.sqlite3"));
        Outcome pass = drilled(live, null);
        assertEquals(Status.PASS, pass.status(), pass.summary());

        sqlite(app, "create table tags (id integer primary key)");
        Outcome fail = drilled(live, null);
        assertEquals(Status.FAIL, fail.status(), fail.summary());
        assertTrue(fail.evidence().toString().contains("missing table: tags"), fail.evidence().toString());
    }

    @Test
    void passesOnAnSqliteDumpScript() throws Exception {
        Path app = Files.createTempDirectory("pf-live").resolve("app.db");
        DatabaseUrl live = DatabaseUrl.parse("jdbc:sqlite:" + app);
        sqlite(app, "create table notes (id integer primary key, body text)");
        sqlite(app, "insert into notes (body) values ('one'), ('two')");
        run(new ProcessBuilder("sqlite3", app.toString(), ".dump").redirectOutput(backups.resolve("app.sql").toFile()));
        Outcome outcome = drilled(live, null);
        assertEquals(Status.PASS, outcome.status(), outcome.summary());
        assertTrue(outcome.summary().contains("1 tables, 2 rows"), outcome.summary());
    }

    @Test
    void skipsWithoutAnAdministrativeUrl() throws Exception {
        DatabaseUrl live = postgresApp();
        tool("pg_dump", "-Fc", "-h", "127.0.0.1", "-U", "postgres", "-f", backups.resolve("app.dump").toString(), live.database());
        Outcome outcome = drilled(live, null);
        assertEquals(Status.SKIP, outcome.status(), outcome.summary());
        assertTrue(outcome.isUnverified(), "a drill not run for want of an admin URL blocks a GO");
        assertTrue(outcome.summary().contains("--restore-db"), outcome.summary());
    }

    @Test
    void errorsWhenTheAdministrativeUserMayNotCreateDatabases() throws Exception {
        DatabaseUrl live = postgresApp();
        tool("pg_dump", "-Fc", "-h", "127.0.0.1", "-U", "postgres", "-f", backups.resolve("app.dump").toString(), live.database());
        DatabaseUrl restricted = SCRATCH.postgresWithRestrictedUser();
        Outcome outcome = drilled(live, restricted);
        assertEquals(Status.ERROR, outcome.status(), outcome.summary());
        assertTrue(outcome.summary().contains("may not create databases"), outcome.summary());
        assertTrue(!outcome.summary().contains(restricted.password()), outcome.summary());
    }

    /** A live PostgreSQL database of two tables, 100 and 50 rows. */
    private static DatabaseUrl postgresApp() throws SQLException {
        DatabaseUrl live = SCRATCH.postgresAsSuperuser();
        sql(live, "create table users (id int primary key, name text)");
        sql(live, "insert into users select g, 'user ' || g from generate_series(1, 100) g");
        sql(live, "create table orders (id int primary key, user_id int references users)");
        sql(live, "insert into orders select g, g from generate_series(1, 50) g");
        return live;
    }

    /** Runs the check on the backups directory and asserts what the drill promises: the live database unchanged, no scratch database left. */
    private Outcome drilled(DatabaseUrl live, DatabaseUrl admin) throws Exception {
        Map<String, Long> before = exactRows(live);
        List<String> databasesBefore = drillDatabases();
        CheckContext context = new CheckContext(new Params(Map.of("location", backups.toString())), "Test backup restoration", null, null, true,
                null, new LoadRuns(Scenarios.NONE), new DatabaseProbe(List.of(live)), null, new RestoreSettings(admin));
        Outcome outcome = new RestoreDrillCheck().run(context);
        assertEquals(before, exactRows(live), "the live database changed");
        List<String> left = drillDatabases();
        left.removeAll(databasesBefore);  // another run's drill (the benchmark's) may come and go meanwhile
        assertEquals(List.of(), left, "a scratch database was left behind");
        return outcome;
    }

    private static List<String> drillDatabases() throws SQLException {
        List<String> names = new ArrayList<>();
        names.addAll(query("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres",
                "select datname from pg_database where datname like 'preflight_drill_%'"));
        names.addAll(query("jdbc:mariadb://127.0.0.1:3306/mysql?user=root", "show databases like 'preflight\\_drill\\_%'"));
        return names;
    }

    private static List<String> query(String jdbc, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    private static void sql(DatabaseUrl url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbc(url)); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Waits (at most 5 s) until PostgreSQL's statistics, which the drill compares with, show the rows just written. */
    private static void awaitStatistics(DatabaseUrl url, String table, long rows) throws Exception {
        long until = System.nanoTime() + 5_000_000_000L;
        String query = "select n_live_tup from pg_stat_user_tables where relname = '" + table + "'";
        while (true) {
            try (Connection c = DriverManager.getConnection(jdbc(url)); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
                if (r.next() && r.getLong(1) == rows) {
                    return;
                }
            }
            assertTrue(System.nanoTime() < until, "PostgreSQL's statistics did not show " + rows + " rows in " + table + " within 5 s");
            Thread.sleep(50);
        }
    }

    /** Every table's count(*), not the statistics the drill compares with. */
    private static Map<String, Long> exactRows(DatabaseUrl url) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbc(url))) {
            return RowCounts.exact(c, url.kind());
        }
    }

    private static String jdbc(DatabaseUrl url) {
        return switch (url.kind()) {
            case POSTGRESQL -> "jdbc:postgresql://127.0.0.1:5432/" + url.database() + "?user=postgres";
            case SQLITE -> "jdbc:sqlite:" + url.file();
            default -> "jdbc:mariadb://127.0.0.1:3306/" + url.database() + "?user=root";
        };
    }

    private static void sqlite(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void tool(String... command) throws IOException, InterruptedException {
        run(new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD));
    }

    private static void run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process p = builder.redirectError(ProcessBuilder.Redirect.PIPE).start();
        String err = new String(p.getErrorStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + builder.command());
        assertEquals(0, p.exitValue(), builder.command() + ": " + err);
    }
}
