package dev.preflight.checks.backup;

import static dev.preflight.checks.backup.BackupFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.host.HostRoot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupRecentCheckTest {
    @TempDir
    Path root;

    @Test
    void passesABackupWrittenAnHourAgo() throws Exception {
        backup(root, "/var/backups/app/app-old.sql.gz", gzip("old"), Duration.ofDays(2));
        backup(root, "/var/backups/app/app-new.sql.gz", gzip("CREATE TABLE t (id int);"), Duration.ofHours(1));

        Outcome outcome = run(new BackupRecentCheck(), HostRoot.mounted(root), Map.of("location", "/var/backups/app", "every", "1d"));

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence().toString()).contains("/var/backups/app/app-new.sql.gz");
    }

    @Test
    void failsAStaleNewestBackup() throws Exception {
        backup(root, "/var/backups/app/app.sql.gz", gzip("data"), Duration.ofHours(27));

        Outcome outcome = run(new BackupRecentCheck(), HostRoot.mounted(root), Map.of("location", "/var/backups/app", "every", "1d"));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).contains("27h old", "allowed: 26h");
    }

    @Test
    void aWeeklyItemAllowsAWeek() throws Exception {
        backup(root, "/var/backups/app/app.sql.gz", gzip("data"), Duration.ofDays(3));

        assertThat(run(new BackupRecentCheck(), HostRoot.mounted(root), Map.of("location", "/var/backups/app", "every", "7d")).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void failsAnEmptyFileAndAGzipOfNothing() throws Exception {
        backup(root, "/var/backups/a/app.dump", new byte[0], Duration.ofHours(1));
        backup(root, "/var/backups/b/app.sql.gz", gzip(""), Duration.ofHours(1));

        Outcome empty = run(new BackupRecentCheck(), HostRoot.mounted(root), Map.of("location", "/var/backups/a"));
        Outcome gzipOfNothing = run(new BackupRecentCheck(), HostRoot.mounted(root), Map.of("location", "/var/backups/b"));

        assertThat(empty.status()).isEqualTo(Status.FAIL);
        assertThat(empty.summary()).contains("is empty (0 bytes)");
        assertThat(gzipOfNothing.status()).isEqualTo(Status.FAIL);
        assertThat(gzipOfNothing.summary()).contains("gzip of nothing");
    }

    @Test
    void failsWhenThereIsNoBackupAndSkipsWithoutALocation() throws Exception {
        java.nio.file.Files.createDirectories(root.resolve("var/backups/app"));

        assertThat(run(new BackupRecentCheck(), HostRoot.mounted(root), Map.of("location", "/var/backups/app")).summary()).startsWith("no backup in");
        assertThat(run(new BackupRecentCheck(), HostRoot.mounted(root), Map.of("location", "/var/backups/none")).status()).isEqualTo(Status.FAIL);
        Outcome none = run(new BackupRecentCheck(), HostRoot.mounted(root), Map.of());
        assertThat(none.skip()).isEqualTo(Outcome.Skip.UNVERIFIED);
        assertThat(none.summary()).contains("backup.location in preflight.yaml");
    }

    @Test
    void theLiveHostIsJudgedWithoutError() {
        Outcome outcome = run(new BackupRecentCheck(), HostRoot.live(), Map.of("location", "/var/backups"));

        assertThat(outcome.status()).as(outcome.summary()).isIn(Status.PASS, Status.FAIL);
    }

    @Test
    void passesTheBackupsInTheDirectoryTheRepositorysBackupScriptNamesAndSaysWhereItCameFrom() throws Exception {
        Path repo = Files.createDirectories(root.resolve("repo"));
        Path host = Files.createDirectories(root.resolve("host"));
        plant(repo, "/deploy/crontab", "15 2 * * * /srv/app/scripts/backup.sh\n");
        plant(repo, "/scripts/backup.sh", "#!/bin/sh\nset -eu\n\nBACKUP_DIR=/var/backups/app\npg_dump app | gzip > \"$BACKUP_DIR/app-$(date +%F).sql.gz\"\n");
        backup(host, "/var/backups/app/app-today.sql.gz", gzip("CREATE TABLE t (id int);"), Duration.ofHours(3));

        Outcome outcome = run(new BackupRecentCheck(), repo, HostRoot.mounted(host), Map.of("every", "1d"));

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence().getFirst().describe()).isEqualTo("location /var/backups/app, from scripts/backup.sh:4");
        assertThat(outcome.evidence().toString()).contains("/var/backups/app/app-today.sql.gz");
    }

    @Test
    void aRepositoryWhoseJobsNameNoDirectoryStillLeavesTheItemNotApplicableWithTheHint() throws Exception {
        Path repo = Files.createDirectories(root.resolve("repo"));
        plant(repo, "/deploy/crontab", "15 2 * * * /srv/app/bin/backup\n");

        Outcome outcome = run(new BackupRecentCheck(), repo, HostRoot.mounted(root), Map.of());

        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.summary()).contains("name it in the item", "set backup.location in preflight.yaml",
                "no backup script or job in the repository writes to an absolute directory");
    }
}
