package dev.preflight.checks.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.db.DatabaseUrl;
import dev.preflight.collect.db.ScratchDatabases;

/** Restricted scratch users against postgres and root, on this machine's servers. */
class UserPrivilegesCheckTest {
    private static final String ITEM = "Database user permissions restricted";
    @RegisterExtension
    static final ScratchDatabases scratch = new ScratchDatabases();



    @Test
    void passesForRestrictedUsersThatOwnOnlyTheirDatabase() throws Exception {
        DatabaseUrl pg = scratch.postgresWithRestrictedUser();
        DatabaseUrl my = scratch.mariadbWithRestrictedUser();

        Outcome outcome = DbChecks.run(new UserPrivilegesCheck(), ITEM, pg, my);

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).contains("user " + pg.user() + " holds no administrative power and nothing beyond its database");
        assertThat(outcome.evidence()).extracting(Evidence::describe).contains("role " + pg.user() + ": no administrative attributes")
                .anyMatch(e -> e.startsWith("GRANT ALL PRIVILEGES ON `" + my.database() + "`.*"));
    }

    @Test
    void failsForThePostgresSuperuserAndMariadbRoot() throws Exception {
        Outcome pg = DbChecks.run(new UserPrivilegesCheck(), ITEM, scratch.postgresAsSuperuser());
        assertThat(pg.status()).isEqualTo(Status.FAIL);
        assertThat(pg.summary()).startsWith("user postgres holds more than the application needs: superuser, CREATEROLE, CREATEDB")
                .contains("owns database postgres");

        Outcome my = DbChecks.run(new UserPrivilegesCheck(), ITEM, scratch.mariadbAsRoot());
        assertThat(my.status()).isEqualTo(Status.FAIL);
        assertThat(my.summary()).startsWith("user root@").contains("ALL PRIVILEGES on *.*");
    }

    @Test
    void failsForAUserGrantedPrivilegesOnAnotherDatabase() throws Exception {
        DatabaseUrl my = scratch.mariadbWithRestrictedUser();
        DatabaseUrl other = scratch.mariadbAsRoot();
        ScratchDatabases.mariadb("grant select on " + other.database() + ".* to '" + my.user() + "'@'%'");

        Outcome outcome = DbChecks.run(new UserPrivilegesCheck(), ITEM, my);

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).endsWith("SELECT on `" + other.database() + "`.*");
    }
}
