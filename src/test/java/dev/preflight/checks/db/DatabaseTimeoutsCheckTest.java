package dev.preflight.checks.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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

/** Per-role and per-user timeouts set on scratch users of this machine's servers; the servers' own defaults are left alone. */
class DatabaseTimeoutsCheckTest {
    private static final String ITEM = "Query timeout set";
    @RegisterExtension
    static final ScratchDatabases scratch = new ScratchDatabases();



    private static Outcome run(Map<String, String> params, DatabaseUrl... urls) {
        return new DatabaseTimeoutsCheck().run(new CheckContext(new Params(params), ITEM, null, null, false, null,
                new LoadRuns(Scenarios.NONE), new DatabaseProbe(List.of(urls))));
    }

    @Test
    void passesWhenTheUsersSessionsCarryAStatementTimeout() throws Exception {
        DatabaseUrl pg = scratch.postgresWithRestrictedUser();
        ScratchDatabases.postgres("alter role " + pg.user() + " set statement_timeout = '30s'");
        DatabaseUrl my = scratch.mariadbWithRestrictedUser();
        ScratchDatabases.mariadb("alter user '" + my.user() + "'@'%' with max_statement_time 20");

        Outcome outcome = run(Map.of("duration", "30s"), pg, my);

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).contains("statement_timeout = 30s, within the item's 30s", "max_statement_time = 20.000000");
    }

    @Test
    void failsWhenNoTimeoutIsSetOrItIsLongerThanTheItemSays() throws Exception {
        DatabaseUrl pg = scratch.postgresWithRestrictedUser();
        Outcome none = run(Map.of(), pg);
        assertThat(none.status()).isEqualTo(Status.FAIL);
        assertThat(none.summary()).startsWith("no statement timeout for " + pg.user());

        DatabaseUrl slow = scratch.postgresWithRestrictedUser();
        ScratchDatabases.postgres("alter role " + slow.user() + " set statement_timeout = '5min'");
        Outcome tooLong = run(Map.of("duration", "30s"), slow);
        assertThat(tooLong.status()).isEqualTo(Status.FAIL);
        assertThat(tooLong.summary()).isEqualTo("statement_timeout = 5min is longer than the item's 30s");
    }

    @Test
    void readsEachServersUnits() {
        assertThat(DatabaseTimeoutsCheck.duration("statement_timeout", "0")).isZero();
        assertThat(DatabaseTimeoutsCheck.duration("statement_timeout", "1500")).isEqualTo(Duration.ofMillis(1500));
        assertThat(DatabaseTimeoutsCheck.duration("statement_timeout", "2h")).isEqualTo(Duration.ofHours(2));
        assertThat(DatabaseTimeoutsCheck.duration("max_execution_time", "30000")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DatabaseTimeoutsCheck.duration("max_statement_time", "0.500000")).isEqualTo(Duration.ofMillis(500));
    }
}
