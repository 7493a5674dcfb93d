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

/** Fixture repositories' pools against the real max_connections of this machine's PostgreSQL (100) and MariaDB (151). */
class PoolCheckTest {
    private static final String ITEM = "Connection pool size configured";
    @RegisterExtension
    static final ScratchDatabases scratch = new ScratchDatabases();
    @TempDir
    Path dir;

    private void write(String file, String text) throws Exception {
        Path p = dir.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private Outcome run(Map<String, String> params, DatabaseUrl url) {
        return new PoolCheck().run(new CheckContext(new Params(params), ITEM, new RepoSnapshot(dir), null, false, null,
                new LoadRuns(Scenarios.NONE), new DatabaseProbe(List.of(url))));
    }

    @Test
    void withoutARepositoryThePoolIsUnverifiedNotJudged() throws Exception {
        DatabaseUrl url = scratch.postgresWithRestrictedUser();

        Outcome outcome = new PoolCheck().run(new CheckContext(Params.NONE, ITEM, null, null, false, null,
                new LoadRuns(Scenarios.NONE), new DatabaseProbe(List.of(url))));

        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.isUnverified()).isTrue();
        assertThat(outcome.summary()).startsWith("no --repo given");
    }

    @Test
    void passesWhenTheSqlAlchemyPoolFitsPostgres() throws Exception {
        write("app/db.py", "from sqlalchemy import create_engine\nengine = create_engine(URL, pool_size=10, max_overflow=0)\n");

        Outcome outcome = run(Map.of("minCount", "10", "maxCount", "20"), scratch.postgresWithRestrictedUser());

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).startsWith("10 connection(s) at most (pool × workers × replicas) within the 97 the server allows");
    }

    @Test
    void failsWhenTwoHundredTimesFourWorkersExceedsPostgresMaxConnections() throws Exception {
        write("app/db.py", "engine = create_engine(URL,\n    pool_size=200,\n    max_overflow=0)\n");
        write("gunicorn.conf.py", "bind = '0.0.0.0:8000'\nworkers = 4\n");

        Outcome outcome = run(Map.of(), scratch.postgresWithRestrictedUser());

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("800 connection(s) at most (pool × workers × replicas) is more than the 97 the server allows"
                                                + " (max_connections 100 - superuser_reserved_connections 3)");
        assertThat(outcome.evidence()).extracting(e -> e.describe()).contains("gunicorn.conf.py:2: gunicorn workers = 4");
    }

    @Test
    void passesForHikariOnMariaDbAndFailsForAKnexPoolTimesComposeReplicas() throws Exception {
        write("src/main/resources/application.properties", "spring.datasource.url=jdbc:mysql://db/app\nspring.datasource.hikari.maximum-pool-size=20\n");
        Outcome hikari = run(Map.of(), scratch.mariadbWithRestrictedUser());
        assertThat(hikari.status()).as(hikari.summary()).isEqualTo(Status.PASS);
        assertThat(hikari.summary()).startsWith("20 connection(s) at most (pool × workers × replicas) within the 151 the server allows");

        Files.delete(dir.resolve("src/main/resources/application.properties"));
        write("db.js", "module.exports = require('knex')({ client: 'mysql2', connection: process.env.DATABASE_URL,\n  pool: { min: 2, max: 60 } });\n");
        write("docker-compose.yml", "services:\n  api:\n    build: .\n    deploy:\n      replicas: 3\n");
        Outcome knex = run(Map.of(), scratch.mariadbWithRestrictedUser());
        assertThat(knex.status()).as(knex.summary()).isEqualTo(Status.FAIL);
        assertThat(knex.summary()).startsWith("180 connection(s) at most");
    }

    @Test
    void failsOutsideTheItemsBoundsAndWarnsWhenNoPoolIsConfigured() throws Exception {
        DatabaseUrl pg = scratch.postgresWithRestrictedUser();
        Outcome none = run(Map.of(), pg);
        assertThat(none.status()).isEqualTo(Status.WARN);
        assertThat(none.summary()).startsWith("no pool size is configured: the driver's default is used");

        write("app/db.py", "engine = create_engine(URL, pool_size=30)\n");
        Outcome outside = run(Map.of("maxCount", "20"), pg);
        assertThat(outside.status()).isEqualTo(Status.FAIL);
        assertThat(outside.summary()).isEqualTo("app/db.py:1: create_engine pool_size 30 + max_overflow 10 = 40 is outside the item's 0-20");
    }
}
