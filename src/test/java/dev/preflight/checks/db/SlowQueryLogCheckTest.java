package dev.preflight.checks.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.preflight.check.CheckContext;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Status;
import dev.preflight.collect.db.DatabaseProbe;
import dev.preflight.collect.db.DatabaseUrl;
import dev.preflight.collect.db.ScratchDatabases;
import dev.preflight.load.LoadRuns;
import dev.preflight.load.Scenarios;

/**
 * PostgreSQL's setting is per role, so scratch roles carry the good and the bad value. MariaDB's
 * slow log is global: the shared server has it off (the failing example), and the passing example
 * turns it on for a moment under a server-wide named lock and restores the values it found.
 */
class SlowQueryLogCheckTest {
    private static final String ITEM = "Slow query log enabled";
    private static final String MARIADB_ROOT = "jdbc:mariadb://127.0.0.1:3306/mysql?user=root&connectTimeout=5000";
    @RegisterExtension
    static final ScratchDatabases scratch = new ScratchDatabases();

    private static Outcome run(Map<String, String> params, DatabaseUrl... urls) {
        return new SlowQueryLogCheck().run(new CheckContext(new Params(params), ITEM, null, null, false, null,
                new LoadRuns(Scenarios.NONE), new DatabaseProbe(List.of(urls))));
    }

    @Test
    void passesWhenTheRoleLogsStatementsSlowerThanTheItemsLatency() throws Exception {
        DatabaseUrl pg = scratch.postgresWithRestrictedUser();
        ScratchDatabases.postgres("alter role " + pg.user() + " set log_min_duration_statement = '250ms'");

        Outcome outcome = run(Map.of("latency", "500ms"), pg);

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("log_min_duration_statement = 250ms, within the item's 500ms");
        assertThat(outcome.evidence()).anySatisfy(e -> assertThat(e.describe()).contains("pg_stat_statements"));
    }

    @Test
    void failsWhenPostgresLogsNothingOrOnlySlowerStatementsThanTheItemSays() throws Exception {
        DatabaseUrl pg = scratch.postgresWithRestrictedUser();
        Outcome none = run(Map.of(), pg);
        assertThat(none.status()).isEqualTo(Status.FAIL);
        assertThat(none.summary()).isEqualTo("slow statements are not logged for " + pg.user() + " (log_min_duration_statement = -1)");

        DatabaseUrl lax = scratch.postgresWithRestrictedUser();
        ScratchDatabases.postgres("alter role " + lax.user() + " set log_min_duration_statement = '2s'");
        Outcome tooLong = run(Map.of("latency", "500ms"), lax);
        assertThat(tooLong.status()).isEqualTo(Status.FAIL);
        assertThat(tooLong.summary()).startsWith("log_min_duration_statement = 2s: ");
    }

    @Test
    void failsOnTheSharedMariaDbWhoseSlowLogIsOff() throws Exception {
        DatabaseUrl my = scratch.mariadbWithRestrictedUser();
        try (Connection lock = locked()) {
            assertThat(global(lock, "slow_query_log")).as("the shared MariaDB's slow log, as this machine ships it").isEqualTo("OFF");
            Outcome outcome = run(Map.of(), my);
            assertThat(outcome.status()).isEqualTo(Status.FAIL);
            assertThat(outcome.summary()).isEqualTo("the slow query log is off (slow_query_log = OFF)");
        }
    }

    @Test
    void passesOnMariaDbWhileItsSlowLogIsOnAndRestoresTheServer() throws Exception {
        DatabaseUrl my = scratch.mariadbWithRestrictedUser();
        try (Connection lock = locked(); Statement s = lock.createStatement()) {
            String log = global(lock, "slow_query_log");
            String time = global(lock, "long_query_time");
            try {
                s.execute("set global slow_query_log = ON");
                s.execute("set global long_query_time = 0.5");
                Outcome outcome = run(Map.of("latency", "1s"), my);
                assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
                assertThat(outcome.summary()).isEqualTo("slow_query_log = ON, long_query_time = 0.500000, within the item's 1s");
            } finally {
                s.execute("set global slow_query_log = " + log);
                s.execute("set global long_query_time = " + time);
            }
            assertThat(global(lock, "slow_query_log")).isEqualTo(log);
        }
    }

    /** A root connection holding the named lock that serialises every test touching the shared server's slow-log settings. */
    private static Connection locked() throws Exception {
        Connection c = DriverManager.getConnection(MARIADB_ROOT);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select get_lock('preflight_test_slow_log', 60)")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the slow-log test lock within 60 s").isEqualTo(1);
        }
        return c;
    }

    private static String global(Connection c, String name) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select @@global." + name)) {
            rs.next();
            String v = rs.getString(1);
            return name.equals("slow_query_log") ? (v.equals("1") ? "ON" : "OFF") : v;
        }
    }
}
