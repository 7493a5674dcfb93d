package dev.preflight.collect;

import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.collect.BackupDestinations.Destination;

class BackupDestinationsTest {
    @TempDir
    Path dir;

    @Test
    void findsTheBackupDirAssignedInTheScriptTheCronJobRuns() throws Exception {
        write(dir, "deploy/crontab", "15 2 * * * /srv/app/scripts/backup.sh >> /var/log/app-backup.log 2>&1\n");
        write(dir, "scripts/backup.sh", """
                #!/bin/sh
                set -eu
                # where the nightly dumps go
                BACKUP_DIR=/var/backups/app
                exec >> /var/log/app/backup.log 2>&1
                pg_dump -Fc app -f "$BACKUP_DIR/app-$(date +%F).dump"
                find "$BACKUP_DIR" -name '*.dump' -mtime +30 -delete
                """);

        assertThat(BackupDestinations.of(new RepoSnapshot(dir)))
                .containsExactly(new Destination("/var/backups/app", "scripts/backup.sh", 4));
    }

    @Test
    void findsTheOutputOfAPgDumpOnTheCronLineItself() throws Exception {
        write(dir, "deploy/cron.d/app", "MAILTO=ops@example.com\n0 3 * * * postgres pg_dump -Fc app -f /srv/backups/db/app-$(date +\\%F).dump\n");

        assertThat(BackupDestinations.of(new RepoSnapshot(dir)))
                .containsExactly(new Destination("/srv/backups/db", "deploy/cron.d/app", 2));
    }

    @Test
    void findsARedirectedDumpAndThePruningInABackupScriptThatNothingSchedules() throws Exception {
        write(dir, "ops/db-backup.sh", """
                #!/bin/bash
                set -o pipefail
                mysqldump --single-transaction app 2>/tmp/dump.err | gzip > /var/backups/mysql/app.sql.gz
                find /var/backups/mysql-old -mtime +7 -delete
                """);

        assertThat(BackupDestinations.of(new RepoSnapshot(dir))).containsExactly(
                new Destination("/var/backups/mysql", "ops/db-backup.sh", 3),
                new Destination("/var/backups/mysql-old", "ops/db-backup.sh", 4));
    }

    @Test
    void aDirectoryFromTheEnvironmentOrARelativePathIsNotABackupLocation() throws Exception {
        write(dir, "scripts/backup.sh", """
                #!/bin/sh
                pg_dump app > "$BACKUP_ROOT/app.sql"
                pg_dump app -f backups/app.dump
                BACKUP_DIR="${BACKUP_DIR:-/var/backups/app}/$(hostname)"
                """);

        assertThat(BackupDestinations.of(new RepoSnapshot(dir))).isEmpty();
    }

    @Test
    void findsNothingInARepositoryWithoutABackupJob() throws Exception {
        write(dir, "deploy/crontab", "*/5 * * * * /srv/app/bin/poll > /var/tmp/poll.out\n");
        write(dir, "scripts/deploy.sh", "#!/bin/sh\nrsync -a build/ /srv/app/\n");

        assertThat(BackupDestinations.of(new RepoSnapshot(dir))).isEmpty();
    }
}
