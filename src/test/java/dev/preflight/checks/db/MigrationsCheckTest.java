package dev.preflight.checks.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
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
import dev.preflight.collect.db.MigrationFiles;
import dev.preflight.collect.db.MigrationHistory;
import dev.preflight.collect.db.ScratchDatabases;
import dev.preflight.load.LoadRuns;
import dev.preflight.load.Scenarios;

/**
 * Real Django and real Flyway migrate a SQLite file and a scratch PostgreSQL database; the Alembic,
 * Prisma and knex history tables are created with the DDL those tools document.
 */
class MigrationsCheckTest {
    private static final String ITEM = "Run database migrations";
    /** Debian's python3-django is installed for the system Python, which a pyenv shim on PATH may hide. */
    private static final String DEBIAN_PYTHON = "/usr/bin/python3";
    @RegisterExtension
    static final ScratchDatabases scratch = new ScratchDatabases();

    @TempDir
    Path repo;

    private Outcome run(DatabaseUrl url) {
        return new MigrationsCheck().run(new CheckContext(Params.NONE, ITEM, new RepoSnapshot(repo), null, false, null,
                new LoadRuns(Scenarios.NONE), new DatabaseProbe(List.of(url))));
    }

    private Path write(String relative, String text) throws IOException {
        Path file = repo.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    /** Runs SQL in a scratch PostgreSQL database as postgres. */
    private static void sql(DatabaseUrl db, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db.database() + "?user=postgres&connectTimeout=5");
             Statement s = c.createStatement()) {
            s.setQueryTimeout(30);
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static final String DJANGO_MIGRATION = """
            from django.db import migrations, models

            class Migration(migrations.Migration):
                initial = True
                dependencies = [%s]
                operations = [migrations.CreateModel(name='%s', fields=[('id', models.AutoField(primary_key=True)),
                                                                          ('name', models.CharField(max_length=20))])]
            """;

    private void djangoMigrate(Path db) throws Exception {
        String script = """
                import sys, django
                from django.conf import settings
                sys.path.insert(0, sys.argv[1])
                settings.configure(INSTALLED_APPS=['shop'], DATABASES={'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': sys.argv[2]}})
                django.setup()
                from django.core.management import call_command
                call_command('migrate', verbosity=0)
                """;
        Process p = new ProcessBuilder(DEBIAN_PYTHON, "-c", script, repo.toString(), db.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("django migrate finished in time").isTrue();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.exitValue()).as("django migrate: " + output).isZero();
    }

    @Test
    void passesAfterARealDjangoMigrateAndFailsWhenANewMigrationIsAdded() throws Exception {
        write("shop/__init__.py", "");
        write("shop/models.py", "");
        write("shop/migrations/__init__.py", "");
        write("shop/migrations/0001_initial.py", DJANGO_MIGRATION.formatted("", "Item"));
        Path db = Files.createTempDirectory("pf-django").resolve("app.sqlite3");
        djangoMigrate(db);
        DatabaseUrl url = DatabaseUrl.parse("jdbc:sqlite:" + db);

        Outcome migrated = run(url);
        assertThat(migrated.status()).as(migrated.summary()).isEqualTo(Status.PASS);
        assertThat(migrated.summary()).isEqualTo("Django: all 1 migration(s) applied");

        write("shop/migrations/0002_order.py", DJANGO_MIGRATION.formatted("('shop', '0001_initial')", "Order"));
        Outcome pending = run(url);
        assertThat(pending.status()).isEqualTo(Status.FAIL);
        assertThat(pending.summary()).isEqualTo("Django: 1 pending migration(s): shop.0002_order");
        assertThat(pending.remediation()).contains("manage.py migrate");
    }

    @Test
    void passesAfterARealFlywayMigrateAndFailsOnAPendingOrFailedVersion() throws Exception {
        DatabaseUrl db = scratch.postgresAsSuperuser();
        write("src/main/resources/db/migration/V1__init.sql", "create table customer (id bigint primary key);");
        write("src/main/resources/db/migration/V1_1__orders.sql", "create table orders (id bigint primary key);");
        Flyway.configure().dataSource("jdbc:postgresql://127.0.0.1:5432/" + db.database(), "postgres", "")
                .locations("filesystem:" + repo.resolve("src/main/resources/db/migration")).load().migrate();

        Outcome migrated = run(db);
        assertThat(migrated.status()).as(migrated.summary()).isEqualTo(Status.PASS);
        assertThat(migrated.summary()).isEqualTo("Flyway: all 2 migration(s) applied");

        write("src/main/resources/db/migration/V2__invoices.sql", "create table invoice (id bigint primary key);");
        for (int i = 3; i <= 6; i++) {
            write("src/main/resources/db/migration/V" + i + "__more.sql", "select 1;");
        }
        Outcome pending = run(db);
        assertThat(pending.status()).isEqualTo(Status.FAIL);
        assertThat(pending.summary()).isEqualTo("Flyway: 5 pending migration(s): 2, 3, 4 and 2 more");

        sql(db, "insert into flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)"
                + " values (3, '2', 'invoices', 'SQL', 'V2__invoices.sql', 0, 'postgres', 5, false)");
        Outcome failed = run(db);
        assertThat(failed.status()).isEqualTo(Status.FAIL);
        assertThat(failed.summary()).startsWith("Flyway: 1 failed migration(s) recorded: 2; 5 pending migration(s)");
    }

    @Test
    void warnsWhenAnAppliedFlywayVersionIsNoLongerInTheRepository() throws Exception {
        DatabaseUrl db = scratch.postgresAsSuperuser();
        write("db/migration/V1__init.sql", "create table customer (id bigint primary key);");
        Path second = write("db/migration/V2__orders.sql", "create table orders (id bigint primary key);");
        Flyway.configure().dataSource("jdbc:postgresql://127.0.0.1:5432/" + db.database(), "postgres", "")
                .locations("filesystem:" + repo.resolve("db/migration")).load().migrate();
        Files.delete(second);

        Outcome outcome = run(db);
        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(outcome.summary()).isEqualTo("Flyway: no migration pending, but 1 applied migration(s) are not in the repository: 2");
    }

    @Test
    void passesWhenFlywayVersionsBelowTheBaselineAreNotInTheHistory() {
        MigrationFiles files = new MigrationFiles(MigrationFiles.Tool.FLYWAY, "db/migration",
                new TreeMap<>(Map.of("1", "V1__a.sql", "1.1", "V1_1__b.sql", "2", "V2__c.sql", "3", "V3__d.sql")), Map.of());
        Outcome baselined = MigrationsCheck.judge(files, new MigrationHistory.Read(List.of("3"), List.of(), "2"));
        assertThat(baselined.status()).as(baselined.summary()).isEqualTo(Status.PASS);
        Outcome behind = MigrationsCheck.judge(files, new MigrationHistory.Read(List.of("3"), List.of(), "1"));
        assertThat(behind.status()).isEqualTo(Status.FAIL);
        assertThat(behind.summary()).isEqualTo("Flyway: 2 pending migration(s): 1.1, 2");
        assertThat(MigrationFiles.flywayVersion("01_1.0")).isEqualTo("1.1");
    }

    @Test
    void failsOnAPendingKnexMigrationInMariadbAndPassesOnceRecorded() throws Exception {
        DatabaseUrl db = scratch.mariadbAsRoot();
        write("migrations/20240101_init.js", "exports.up = function (knex) {};\n");
        write("migrations/20240201_orders.js", "exports.up = function (knex) {};\n");
        ScratchDatabases.mariadb("create table " + db.database() + ".knex_migrations (id int unsigned not null auto_increment primary key,"
                                 + " name varchar(255), batch int, migration_time timestamp null)");
        ScratchDatabases.mariadb("insert into " + db.database() + ".knex_migrations (name, batch) values ('20240101_init.js', 1)");
        Outcome pending = run(db);
        assertThat(pending.status()).isEqualTo(Status.FAIL);
        assertThat(pending.summary()).isEqualTo("knex: 1 pending migration(s): 20240201_orders.js");

        ScratchDatabases.mariadb("insert into " + db.database() + ".knex_migrations (name, batch) values ('20240201_orders.js', 2)");
        Outcome passes = run(db);
        assertThat(passes.status()).as(passes.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void followsAlembicsRevisionGraphFromTheRecordedHead() throws Exception {
        DatabaseUrl db = scratch.postgresAsSuperuser();
        write("alembic/env.py", "");
        write("alembic/versions/1a_init.py", "revision = 'a1'\ndown_revision = None\n");
        write("alembic/versions/2b_orders.py", "revision: str = 'b2'\ndown_revision: Union[str, None] = 'a1'\n");
        write("alembic/versions/3c_invoices.py", "revision = 'c3'\ndown_revision = 'b2'\n");
        sql(db, "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))",
                "insert into alembic_version values ('b2')");
        Outcome behind = run(db);
        assertThat(behind.status()).isEqualTo(Status.FAIL);
        assertThat(behind.summary()).isEqualTo("Alembic: 1 pending migration(s): c3");

        sql(db, "update alembic_version set version_num = 'c3'");
        Outcome head = run(db);
        assertThat(head.status()).as(head.summary()).isEqualTo(Status.PASS);
        assertThat(head.summary()).isEqualTo("Alembic: all 3 migration(s) applied");
    }

    @Test
    void readsPrismasFinishedRolledBackAndFailedRows() throws Exception {
        DatabaseUrl db = scratch.postgresAsSuperuser();
        write("prisma/schema.prisma", "");
        write("prisma/migrations/20240101000000_init/migration.sql", "select 1;");
        write("prisma/migrations/20240201000000_orders/migration.sql", "select 1;");
        sql(db, """
                CREATE TABLE "_prisma_migrations" ("id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL,
                  "finished_at" TIMESTAMPTZ, "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
                  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)""",
                "insert into _prisma_migrations (id, checksum, finished_at, migration_name) values ('1', 'x', now(), '20240101000000_init')",
                "insert into _prisma_migrations (id, checksum, finished_at, migration_name) values ('2', 'x', now(), '20240201000000_orders')");
        Outcome applied = run(db);
        assertThat(applied.status()).as(applied.summary()).isEqualTo(Status.PASS);

        write("prisma/migrations/20240301000000_invoices/migration.sql", "select 1;");
        sql(db, "insert into _prisma_migrations (id, checksum, migration_name) values ('3', 'x', '20240301000000_invoices')");
        Outcome failed = run(db);
        assertThat(failed.status()).isEqualTo(Status.FAIL);
        assertThat(failed.summary()).isEqualTo("Prisma: 1 failed migration(s) recorded: 20240301000000_invoices; "
                                               + "1 pending migration(s): 20240301000000_invoices");
    }

    @Test
    void failsOnAPendingKnexMigrationAndPassesOnceRecorded() throws Exception {
        DatabaseUrl db = scratch.postgresAsSuperuser();
        write("knexfile.js", "module.exports = {};");
        write("migrations/20240101_init.js", "exports.up = function (knex) {};\nexports.down = function (knex) {};\n");
        write("migrations/20240201_orders.ts", "export async function up(knex: Knex): Promise<void> {}\n");
        sql(db, "create table knex_migrations (id serial primary key, name varchar(255), batch integer, migration_time timestamptz)",
                "insert into knex_migrations (name, batch, migration_time) values ('20240101_init.js', 1, now())");
        Outcome pending = run(db);
        assertThat(pending.status()).isEqualTo(Status.FAIL);
        assertThat(pending.summary()).isEqualTo("knex: 1 pending migration(s): 20240201_orders.ts");

        sql(db, "insert into knex_migrations (name, batch, migration_time) values ('20240201_orders.ts', 2, now())");
        Outcome passes = run(db);
        assertThat(passes.status()).as(passes.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void failsWhenTheHistoryTableIsAbsentAndErrsWhenItMayNotBeRead() throws Exception {
        write("db/migration/V1__init.sql", "select 1;");
        DatabaseUrl empty = scratch.postgresAsSuperuser();
        Outcome absent = run(empty);
        assertThat(absent.status()).isEqualTo(Status.FAIL);
        assertThat(absent.summary()).isEqualTo("Flyway: no flyway_schema_history table, so none of the 1 migration(s) was applied: 1");

        DatabaseUrl restricted = scratch.postgresWithRestrictedUser();
        sql(restricted, "create table flyway_schema_history (version text, success boolean, type text, installed_rank int)");
        Outcome denied = run(restricted);
        assertThat(denied.status()).isEqualTo(Status.ERROR);
        assertThat(denied.summary()).isEqualTo("Flyway: permission denied to read flyway_schema_history as " + restricted.user());
        assertThat(denied.summary() + denied.evidence()).doesNotContain(restricted.password());
    }

    @Test
    void skipsWithoutARepositoryOrWithoutMigrations() throws Exception {
        DatabaseUrl db = scratch.postgresAsSuperuser();
        Outcome noRepo = new MigrationsCheck().run(new CheckContext(Params.NONE, ITEM, null, null, false, null,
                new LoadRuns(Scenarios.NONE), new DatabaseProbe(List.of(db))));
        assertThat(noRepo.status()).isEqualTo(Status.SKIP);
        assertThat(noRepo.summary()).contains("no --repo given");

        write("README.md", "nothing to migrate");
        Outcome none = run(db);
        assertThat(none.status()).isEqualTo(Status.SKIP);
        assertThat(none.summary()).isEqualTo("no Flyway, Alembic, Django, Prisma or knex migrations in the repository");
    }
}
