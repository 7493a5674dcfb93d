package dev.preflight.checks.config;

import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;

class DjangoDatabaseCheckTest {
    private static final String WAL_ITEM = "WAL mode enabled in settings";

    @TempDir
    Path dir;

    @Test
    void passesOnSqliteWithWalFromInitCommandOnDjango51() throws Exception {
        Outcome outcome = Run.check(new DjangoDatabaseCheck(), Run.fixture("django-sqlite-wal"), WAL_ITEM);

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("default: sqlite3");
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(
                "proj/settings.py:20: DATABASES['default']['ENGINE'] = 'django.db.backends.sqlite3' (SQLite in WAL mode)",
                "proj/settings.py:23: OPTIONS init_command 'PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;'");
    }

    @Test
    void failsOnSqliteWithoutWalWhenTheItemAsksForIt() throws Exception {
        Outcome outcome = Run.check(new DjangoDatabaseCheck(), Run.fixture("django-sqlite"), WAL_ITEM);

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("proj/settings.py:19: DATABASES['default']['ENGINE'] = 'django.db.backends.sqlite3' "
                + "(SQLite without WAL: journal_mode stays 'delete', and readers and the one writer block each other)");
        assertThat(outcome.remediation()).contains("'init_command': 'PRAGMA journal_mode=WAL;'", "connection_created");
    }

    @Test
    void warnsOnSqliteInProductionSettingsWhenTheItemDoesNotAcceptIt() throws Exception {
        Outcome outcome = Run.check(new DjangoDatabaseCheck(), Run.fixture("django-sqlite-wal"), "Configure the DATABASES setting");

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(outcome.summary()).isEqualTo("proj/settings.py:20: DATABASES['default']['ENGINE'] = 'django.db.backends.sqlite3' "
                + "(SQLite in the production settings: one writer at a time, on the app server's own disk)");
    }

    @Test
    void failsOnInitCommandWhenThePinnedDjangoIsOlderThan51() throws Exception {
        write(dir, "requirements.txt", "Django==4.2.16\n");
        write(dir, "proj/settings.py", """
                DATABASES = {
                    "default": {
                        "ENGINE": "django.db.backends.sqlite3",
                        "NAME": "db.sqlite3",
                        "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL;"},
                    }
                }
                """);

        Outcome outcome = Run.check(new DjangoDatabaseCheck(), dir, WAL_ITEM);

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("proj/settings.py:5: OPTIONS init_command 'PRAGMA journal_mode=WAL;' (needs Django 5.1 "
                + "or later; requirements.txt:1 pins Django 4.2.16, whose sqlite3.connect() rejects init_command)");
    }

    @Test
    void passesOnAWalPragmaTheAppRunsInAConnectionSignalHandler() throws Exception {
        write(dir, "requirements.txt", "Django==4.2.16\n");
        write(dir, "proj/settings.py", "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\n");
        write(dir, "files/apps.py", """
                from django.apps import AppConfig
                from django.db.backends.signals import connection_created


                def enable_wal(sender, connection, **kwargs):
                    if connection.vendor == "sqlite":
                        with connection.cursor() as cursor:
                            cursor.execute("PRAGMA journal_mode=WAL;")


                class FilesConfig(AppConfig):
                    name = "files"

                    def ready(self):
                        connection_created.connect(enable_wal)
                """);
        write(dir, "tests/test_db.py", "def test_wal(cursor):\n    cursor.execute('PRAGMA journal_mode=wal')\n");

        Outcome outcome = Run.check(new DjangoDatabaseCheck(), dir, "If SQLite: WAL mode enabled");

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).contains(new Evidence.FileLine("files/apps.py", 8, "cursor.execute(\"PRAGMA journal_mode=WAL;\")"));
    }

    @Test
    void passesOnADatabaseUrlFromTheEnvironmentFollowedToTheDeployFilesWithoutItsCredentials() throws Exception {
        Outcome outcome = Run.check(new DjangoDatabaseCheck(), Run.fixture("django-good"), "Update settings.py to use dj-database-url");

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("default: postgresql (from the environment)");
        assertThat(outcome.evidence()).containsExactly(
                new Evidence.FileLine(".env.production", 5, "DATABASE_URL=postgres://… (read as DATABASES['default'])"));
        assertThat(outcome.toString()).doesNotContain("Vb8nQ2");
    }

    @Test
    void failsWhenTheItemAsksForDjDatabaseUrlAndTheSettingsWriteTheDatabaseOut() throws Exception {
        write(dir, "proj/settings.py", """
                import os

                DATABASES = {
                    "default": {
                        "ENGINE": "django.db.backends.postgresql",
                        "NAME": "app",
                        "PASSWORD": os.environ["DB_PASSWORD"],
                    },
                    "analytics": {
                        "NAME": "analytics",
                    },
                }
                """);

        Outcome outcome = Run.check(new DjangoDatabaseCheck(), dir, "Update settings.py to use dj-database-url");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(
                "proj/settings.py:4: DATABASES['default'] (written in the settings, not read from DATABASE_URL with dj-database-url)",
                "proj/settings.py:9: DATABASES['analytics'] (written in the settings, not read from DATABASE_URL with dj-database-url)",
                "proj/settings.py:9: DATABASES['analytics'] (no ENGINE: Django falls back to its dummy backend, which fails on the first query)");
    }

    @Test
    void readsTheSqliteDefaultOfAnUnsetDatabaseUrlAsConfiguredFromTheEnvironment() throws Exception {
        write(dir, "proj/settings.py", """
                import dj_database_url

                DATABASES = {"default": dj_database_url.config(default="sqlite:///db.sqlite3", conn_max_age=600)}
                """);

        Outcome plain = Run.check(new DjangoDatabaseCheck(), dir, "Configure the DATABASES setting");
        Outcome wal = Run.check(new DjangoDatabaseCheck(), dir, WAL_ITEM);

        assertThat(plain.status()).as(plain.toString()).isEqualTo(Status.PASS);
        assertThat(plain.summary()).isEqualTo("default: sqlite3 (the default of an unset variable)");
        assertThat(wal.status()).as("the deployment may well set DATABASE_URL to SQLite; nothing turns WAL on").isEqualTo(Status.WARN);
        assertThat(wal.summary()).isEqualTo("proj/settings.py:3: DATABASES['default'] (from the environment (DATABASE_URL), set outside "
                + "the repository; when unset 'sqlite://…') (SQLite without WAL when the variable is unset)");
    }

    @Test
    void skipsAWalItemWhenNoDatabaseIsSqliteAndWhenThereIsNoDjango() throws Exception {
        write(dir, "proj/settings.py", "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': 'app'}}\n");

        Outcome postgres = Run.check(new DjangoDatabaseCheck(), dir, WAL_ITEM);
        Outcome flask = Run.check(new DjangoDatabaseCheck(), Run.fixture("flask-bad"), WAL_ITEM);

        assertThat(postgres.status()).isEqualTo(Status.SKIP);
        assertThat(postgres.summary()).contains("no SQLite database: default is postgresql");
        assertThat(flask.status()).isEqualTo(Status.SKIP);
        assertThat(flask.summary()).startsWith("no Django settings module");
    }

    @Test
    void failsWhenTheItemNamesAServerEngineAndTheSettingsUseAnotherAndPassesWhenTheyAgree() throws Exception {
        Outcome sqlite = Run.check(new DjangoDatabaseCheck(), Run.fixture("django-sqlite-wal"), "Configure the DATABASES setting for PostgreSQL");
        Outcome postgres = Run.check(new DjangoDatabaseCheck(), Run.fixture("django-good"), "Configure the DATABASES setting for PostgreSQL");

        assertThat(sqlite.status()).isEqualTo(Status.FAIL);
        assertThat(sqlite.summary()).isEqualTo("proj/settings.py:20: DATABASES['default']['ENGINE'] = 'django.db.backends.sqlite3' "
                + "(sqlite3, not the postgresql the item asks for)");
        assertThat(postgres.status()).as(postgres.toString()).isEqualTo(Status.PASS);
    }
}
