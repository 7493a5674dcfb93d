package dev.preflight.collect.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Real servers on this machine; failed connections classified into one line that never holds the password. */
class DatabaseProbeTest {
    @RegisterExtension
    static final ScratchDatabases scratch = new ScratchDatabases();
    static DatabaseUrl postgres;
    static DatabaseUrl mariadb;

    @BeforeAll
    static void create() throws Exception {
        postgres = scratch.postgresWithRestrictedUser();
        mariadb = scratch.mariadbWithRestrictedUser();
    }


    private static DatabaseFacts facts(DatabaseUrl url) {
        return new DatabaseProbe(List.of(url)).facts(url);
    }

    private static DatabaseUrl withPassword(DatabaseUrl url, String password) {
        return DatabaseUrl.parse(url.text().replace(url.password(), password));
    }

    @Test
    void readsTheFactsOfBothServersOnce() {
        DatabaseProbe probe = new DatabaseProbe(List.of(postgres, mariadb));
        DatabaseFacts pg = probe.facts(postgres);

        assertThat(pg).isInstanceOf(DatabaseFacts.Reached.class).isSameAs(probe.facts(postgres));
        DatabaseFacts.Reached reached = (DatabaseFacts.Reached) pg;
        assertThat(reached.version()).startsWith("PostgreSQL ");
        assertThat(reached.user()).isEqualTo(postgres.user());
        assertThat(reached.timeouts()).containsKeys("statement_timeout", "lock_timeout");
        DatabaseFacts.Reached my = (DatabaseFacts.Reached) probe.facts(mariadb);
        assertThat(my.version()).startsWith("MariaDB ");
        assertThat(my.user()).startsWith(mariadb.user() + "@");
        assertThat(my.privileges().powers()).isEmpty();
        assertThat(my.privileges().elsewhere()).isEmpty();
    }

    @Test
    void aWrongPasswordOrUnknownUserIsAnAuthenticationFailureThatDoesNotShowThePassword() {
        // The local PostgreSQL trusts every loopback login, so an unknown role stands for a refused one there.
        String ghost = ScratchDatabases.unique("ghost");
        DatabaseUrl wrongPg = DatabaseUrl.parse("postgresql://" + ghost + ":not-the-password-123@127.0.0.1:5432/postgres");
        DatabaseUrl wrongMy = withPassword(mariadb, "not-the-password-123");

        assertThat(facts(wrongPg)).isEqualTo(new DatabaseFacts.Unreached(wrongPg, "authentication failed for user " + ghost + " at 127.0.0.1:5432"));
        assertThat(facts(wrongMy)).isEqualTo(new DatabaseFacts.Unreached(wrongMy,
                "authentication failed for user " + mariadb.user() + " at 127.0.0.1:3306"));
        assertThat(facts(wrongMy).toString()).doesNotContain("not-the-password");
    }

    @Test
    void aUrlWithoutPasswordLogsInWithTheOneItsClientWouldTakeFromTheEnvironment() {
        DatabaseUrl bare = DatabaseUrl.parse("mysql://" + mariadb.user() + "@127.0.0.1:3306/" + mariadb.database());

        DatabaseUrl completed = bare.withPasswordFrom(Map.of("MYSQL_PWD", mariadb.password(), "PGPASSWORD", "not-this-one"));

        assertThat(new DatabaseProbe(List.of(completed)).facts(completed)).isInstanceOf(DatabaseFacts.Reached.class);
        assertThat(completed.redacted()).doesNotContain(mariadb.password());
        assertThat(new DatabaseProbe(List.of(bare)).facts(bare)).isInstanceOf(DatabaseFacts.Unreached.class);
        assertThat(mariadb.withPasswordFrom(Map.of("MYSQL_PWD", "other"))).isEqualTo(mariadb);
    }

    @Test
    void anUnknownDatabaseAndAClosedPortAreNamed() throws Exception {
        DatabaseUrl missing = DatabaseUrl.parse("postgresql://postgres@127.0.0.1:5432/" + ScratchDatabases.unique("absent"));
        assertThat(((DatabaseFacts.Unreached) facts(missing)).reason()).isEqualTo("database " + missing.database() + " does not exist at 127.0.0.1:5432");
        DatabaseUrl missingMy = DatabaseUrl.parse("mysql://root@127.0.0.1:3306/" + ScratchDatabases.unique("absent"));
        assertThat(((DatabaseFacts.Unreached) facts(missingMy)).reason()).isEqualTo("database " + missingMy.database() + " does not exist at 127.0.0.1:3306");

        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        DatabaseUrl down = DatabaseUrl.parse("postgresql://app:secret-pw@127.0.0.1:" + closed + "/app");
        assertThat(((DatabaseFacts.Unreached) facts(down)).reason())
                .isEqualTo("connection refused at 127.0.0.1:" + closed + " (is the server running and listening there?)");
        DatabaseUrl downMy = DatabaseUrl.parse("mysql://app:secret-pw@127.0.0.1:" + closed + "/app");
        assertThat(((DatabaseFacts.Unreached) facts(downMy)).reason()).startsWith("connection refused at 127.0.0.1:" + closed);
    }

    @Test
    void aDatabaseTheUserHoldsNoPrivilegeOnIsNamed() throws Exception {
        DatabaseUrl other = scratch.mariadbAsRoot();
        DatabaseUrl denied = DatabaseUrl.parse("mysql://" + mariadb.user() + ":" + mariadb.password() + "@127.0.0.1:3306/" + other.database());

        assertThat(facts(denied)).isEqualTo(new DatabaseFacts.Unreached(denied,
                "user " + mariadb.user() + " may not use database " + other.database() + " at 127.0.0.1:3306"));
    }

    @Test
    void aMissingSqliteFileIsNotCreated(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:sqlite:" + dir.resolve("absent.db"));
        assertThat(facts(url)).isEqualTo(new DatabaseFacts.Unreached(url, "no such file: " + dir.resolve("absent.db")));
        assertThat(dir.resolve("absent.db")).doesNotExist();
    }
}
