package dev.preflight.checks.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.CheckContext;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Status;
import dev.preflight.collect.RepoSnapshot;
import dev.preflight.collect.db.DatabaseProbe;
import dev.preflight.collect.db.DatabaseUrl;
import dev.preflight.collect.db.ScratchDatabases;
import dev.preflight.load.LoadRuns;
import dev.preflight.load.Scenarios;

/**
 * Scratch MariaDB users with a generated and with a default password; this machine's PostgreSQL,
 * whose trust authentication on 127.0.0.1 lets any password in; and a repository whose config
 * writes a default database password. No password ever appears in an outcome.
 */
class PasswordStrengthCheckTest {
    private static final String ITEM = "Strong PostgreSQL password set";
    @RegisterExtension
    static final ScratchDatabases scratch = new ScratchDatabases();

    private static Outcome run(RepoSnapshot repo, DatabaseUrl... urls) {
        return new PasswordStrengthCheck().run(new CheckContext(new Params(Map.of()), ITEM, repo, null, false, null,
                new LoadRuns(Scenarios.NONE), new DatabaseProbe(List.of(urls))));
    }

    private static String text(Outcome o) {
        return o.summary() + "\n" + String.join("\n", o.evidence().stream().map(e -> e.describe()).toList()) + "\n" + o.remediation();
    }

    @Test
    void passesForAGeneratedPasswordThatTheServerChecks() throws Exception {
        DatabaseUrl my = scratch.mariadbWithRestrictedUser();

        Outcome outcome = run(null, my);

        assertThat(outcome.status()).as(text(outcome)).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("1 database password(s) strong (16+ characters, not a default), and the server refuses a wrong one");
        assertThat(text(outcome)).doesNotContain(my.password()).contains("39 characters: lower case, digits, symbols");
    }

    @Test
    void failsForADefaultPasswordOnMariaDb() throws Exception {
        DatabaseUrl strong = scratch.mariadbWithRestrictedUser();
        ScratchDatabases.mariadb("alter user '" + strong.user() + "'@'%' identified by 'changeme'");
        DatabaseUrl weak = DatabaseUrl.parse("mysql://" + strong.user() + ":changeme@127.0.0.1:3306/" + strong.database());

        Outcome outcome = run(null, weak);

        assertThat(outcome.status()).as(text(outcome)).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).contains("is weak: a placeholder");
        assertThat(text(outcome)).doesNotContain("changeme");
    }

    @Test
    void failsWhenPostgresAcceptsAnyPasswordForTheUser() throws Exception {
        DatabaseUrl pg = scratch.postgresWithRestrictedUser();

        Outcome outcome = run(null, pg);

        assertThat(outcome.status()).as(text(outcome)).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).contains("the server accepts any password for user " + pg.user());
        assertThat(text(outcome)).doesNotContain(pg.password());
    }

    @Test
    void failsForADefaultPasswordInTheRepositorysConfig(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env.production"), "POSTGRES_USER=app\nPOSTGRES_PASSWORD=postgres\n");
        Files.writeString(dir.resolve(".env.example"), "POSTGRES_PASSWORD=changeme\n");
        DatabaseUrl my = scratch.mariadbWithRestrictedUser();

        Outcome outcome = run(new RepoSnapshot(dir), my);

        assertThat(outcome.status()).as(text(outcome)).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith(".env.production:2 (POSTGRES_PASSWORD): password ").endsWith("is weak: a placeholder");
        assertThat(text(outcome)).doesNotContain("=postgres").doesNotContain(my.password()).doesNotContain("changeme");
    }

    @Test
    void failsWithBothFindingsCountedWhenADefaultPasswordMeetsATrustServer() throws Exception {
        DatabaseUrl pg = DatabaseUrl.parse("postgresql://postgres:postgres@127.0.0.1:5432/postgres");

        Outcome outcome = run(null, pg);

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("1 weak password(s) and 1 server(s) that accept any password");
        assertThat(outcome.evidence()).extracting(e -> e.describe()).anySatisfy(d -> assertThat(d).endsWith("is weak: the same as the user name"));
    }
}
