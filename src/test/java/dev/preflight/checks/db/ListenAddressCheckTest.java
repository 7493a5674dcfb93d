package dev.preflight.checks.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.checks.db.ListenAddressCheck.Reach;
import dev.preflight.collect.db.DatabaseFacts;
import dev.preflight.collect.db.DatabaseUrl;
import dev.preflight.collect.db.ScratchDatabases;

/**
 * The passing path against this machine's shared servers, which listen on 127.0.0.1; the failing
 * path against servers of the test's own that listen on every interface ({@link ThrowawayPostgres},
 * {@link ThrowawayMariaDb}; only 127.0.0.1 is connected to). Public and private addresses are judged on facts.
 */
class ListenAddressCheckTest {
    private static final String ITEM = "Restrict database access to localhost only";
    @RegisterExtension
    static final ScratchDatabases scratch = new ScratchDatabases();
    @RegisterExtension
    static final ThrowawayPostgres everywherePostgres = new ThrowawayPostgres();
    @RegisterExtension
    static final ThrowawayMariaDb everywhereMariaDb = new ThrowawayMariaDb();

    @Test
    void failsForServersListeningOnEveryInterface() throws Exception {
        Outcome pg = DbChecks.run(new ListenAddressCheck(), ITEM, everywherePostgres.url());
        assertThat(pg.status()).as(pg.summary()).isEqualTo(Status.FAIL);
        assertThat(pg.summary()).isEqualTo("listens beyond loopback: * (every interface)");
        assertThat(pg.evidence()).extracting(Evidence::describe).contains("listen_addresses = '*'");

        Outcome my = DbChecks.run(new ListenAddressCheck(), ITEM, everywhereMariaDb.url());
        assertThat(my.status()).as(my.summary()).isEqualTo(Status.FAIL);
        assertThat(my.summary()).isEqualTo("listens beyond loopback: 0.0.0.0 (every interface)");
        assertThat(my.evidence()).extracting(Evidence::describe).contains("bind_address = '0.0.0.0'");
    }
    @Test
    void passesForTheLocalServersListeningOnLoopback() throws Exception {
        DatabaseUrl pg = scratch.postgresWithRestrictedUser();
        DatabaseUrl my = scratch.mariadbWithRestrictedUser();

        Outcome outcome = DbChecks.run(new ListenAddressCheck(), ITEM, pg, my);

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).contains(pg.redacted() + ": listens on loopback only: 127.0.0.1");
        assertThat(outcome.evidence()).extracting(Evidence::describe).contains("listen_addresses = '127.0.0.1'", "bind_address = '127.0.0.1'");
    }

    private static Outcome judge(Map<String, String> listen) {
        return ListenAddressCheck.judge(new DatabaseFacts.Reached(DatabaseUrl.parse("postgresql://app@db.internal/app"), "PostgreSQL 16.4",
                "app", null, null, Map.of(), listen, null));
    }

    @Test
    void failsOnFactsForAnUnsetBindAddressOrAPublicAddress() {
        Outcome unset = judge(Map.of("bind_address", "", "skip_networking", "OFF"));
        assertThat(unset.status()).isEqualTo(Status.FAIL);

        Outcome publicAddress = judge(Map.of("listen_addresses", "localhost, 203.0.113.7"));
        assertThat(publicAddress.status()).isEqualTo(Status.FAIL);
        assertThat(publicAddress.summary()).isEqualTo("listens beyond loopback: 203.0.113.7 (a public address)");
    }

    @Test
    void warnsForAPrivateAddressAndPassesForTheSocketOnly() {
        assertThat(judge(Map.of("listen_addresses", "10.0.0.5")).status()).isEqualTo(Status.WARN);
        assertThat(judge(Map.of("bind_address", "0.0.0.0", "skip_networking", "ON")).summary())
                .isEqualTo("no TCP listener: the server takes connections on its Unix socket only");
        assertThat(ListenAddressCheck.reach("::1")).isEqualTo(Reach.LOOPBACK);
        assertThat(ListenAddressCheck.reach("fd00::1")).isEqualTo(Reach.PRIVATE);
        assertThat(ListenAddressCheck.reach("db.example.com")).isEqualTo(Reach.UNKNOWN);
    }
}
