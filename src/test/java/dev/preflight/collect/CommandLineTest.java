package dev.preflight.collect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void masksPasswordsInAssignmentsOptionsMysqlAndUrls() {
        assertThat(CommandLine.masked("0 2 * * * PGPASSWORD=hunter2hunter2 pg_dump -U app app > /b/app.sql"))
                .isEqualTo("0 2 * * * PGPASSWORD=hun… pg_dump -U app app > /b/app.sql");
        assertThat(CommandLine.masked("mysqldump -u root -pS3cretS3cret shop | gzip > /b/shop.gz"))
                .isEqualTo("mysqldump -u root -pS3c… shop | gzip > /b/shop.gz");
        assertThat(CommandLine.masked("restic backup --password 'correct-horse-battery' /srv"))
                .isEqualTo("restic backup --password 'corr…' /srv");
        assertThat(CommandLine.masked("run: psql postgres://app:longpassword@db/app -c 'select 1'"))
                .isEqualTo("run: psql postgres://app:lon…@db/app -c 'select 1'");
    }

    @Test
    void leavesVariablesAndOrdinaryFlagsAlone() {
        assertThat(CommandLine.masked("PGPASSWORD=$DB_PASSWORD pg_dump app")).isEqualTo("PGPASSWORD=$DB_PASSWORD pg_dump app");
        assertThat(CommandLine.masked("mkdir -p /var/backups && gunicorn -w 4 app:app")).isEqualTo("mkdir -p /var/backups && gunicorn -w 4 app:app");
    }
}
