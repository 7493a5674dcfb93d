package dev.preflight.checks.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.db.DatabaseFacts;
import dev.preflight.collect.db.DatabaseUrl;
import dev.preflight.collect.db.ScratchDatabases;

/**
 * The failures against this machine's shared servers, which run without TLS; the passes against
 * servers of the test's own that require it ({@link ThrowawayPostgres}, {@link ThrowawayMariaDb}).
 * A server that offers TLS without requiring it is judged on facts.
 */
class DatabaseTlsCheckTest {
    private static final String ITEM = "Database connection SSL enabled";
    @RegisterExtension
    static final ScratchDatabases scratch = new ScratchDatabases();
    @RegisterExtension
    static final ThrowawayPostgres hardenedPostgres = new ThrowawayPostgres();
    @RegisterExtension
    static final ThrowawayMariaDb hardenedMariaDb = new ThrowawayMariaDb();
    static DatabaseUrl postgres;
    static DatabaseUrl mariadb;

    @BeforeAll
    static void create() throws Exception {
        postgres = scratch.postgresWithRestrictedUser();
        mariadb = scratch.mariadbWithRestrictedUser();
    }


    @Test
    void failsOnRealServersThatAcceptPlainConnections() throws Exception {
        Outcome pg = DbChecks.run(new DatabaseTlsCheck(), ITEM, postgres);
        assertThat(pg.status()).isEqualTo(Status.FAIL);
        assertThat(pg.summary()).isEqualTo("the connection to 127.0.0.1:5432 is not encrypted and the server accepts plain logins");
        assertThat(pg.evidence()).extracting(Evidence::describe).contains("server setting ssl = off");
        assertThat(pg.remediation()).contains("hostssl");

        Outcome my = DbChecks.run(new DatabaseTlsCheck(), ITEM, mariadb);
        assertThat(my.status()).isEqualTo(Status.FAIL);
        assertThat(my.evidence()).extracting(Evidence::describe).contains("server setting require_secure_transport = OFF");
    }

    private static DatabaseFacts.Reached facts(DatabaseFacts.Tls tls) {
        return new DatabaseFacts.Reached(DatabaseUrl.parse("postgresql://app:pw@db.internal/app?sslmode=verify-full"), "PostgreSQL 16.4", "app",
                tls, null, Map.of(), Map.of(), null);
    }

    @Test
    void passesForAPostgresWithSslOnAndHostsslLinesOnly() throws Exception {
        Outcome outcome = DbChecks.run(new DatabaseTlsCheck(), ITEM, hardenedPostgres.url());

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).matches("TLS in use \\(TLSv1\\.[23] \\S+\\) and required: a login without it is refused");
        assertThat(outcome.evidence()).extracting(Evidence::describe).contains("server setting ssl = on")
                .anyMatch(e -> e.startsWith("login without TLS: the same login without TLS was refused: ") && e.contains("no encryption"));
        assertThat(outcome.toString()).doesNotContain(hardenedPostgres.url().password());
    }

    @Test
    void passesForAMariaDbThatRequiresSecureTransport() throws Exception {
        Outcome outcome = DbChecks.run(new DatabaseTlsCheck(), ITEM, hardenedMariaDb.url());

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).contains("TLS in use (TLSv1.", ") and required: a login without it is refused");
        assertThat(outcome.evidence()).extracting(Evidence::describe).contains("server setting require_secure_transport = ON");
    }

    @Test
    void failsOnFactsWhenTlsIsInUseButNotRequired() {
        Outcome outcome = DatabaseTlsCheck.judge(facts(new DatabaseFacts.Tls(true, "TLSv1.3 TLS_AES_256_GCM_SHA384", false,
                "the server also accepted the same login without TLS", Map.of("ssl", "on"))));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).endsWith("but the server also accepts the same login without it");
    }
}
