package dev.preflight.checks.backup;

import static dev.preflight.checks.backup.BackupFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.host.HostRoot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupRetentionCheckTest {
    @TempDir
    Path root;

    @Test
    void passesThirtyDailyBackupsKeptThirtyDays() throws Exception {
        for (int day = 0; day < 30; day++) {
            backup(root, "/var/backups/app/app-" + day + ".sql.gz", gzip("data"), Duration.ofDays(day).plusHours(1));
        }

        Outcome outcome = run(new BackupRetentionCheck(), HostRoot.mounted(root), Map.of("location", "/var/backups/app", "retention", "30d"));

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void failsUnprunedOldBackupsWithTheirCountAndOldestDate() throws Exception {
        for (int day = 0; day < 40; day++) {
            backup(root, "/var/backups/app/app-" + day + ".sql.gz", gzip("data"), Duration.ofDays(day).plusHours(1));
        }

        Outcome outcome = run(new BackupRetentionCheck(), HostRoot.mounted(root), Map.of("location", "/var/backups/app", "retention", "30d"));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).contains("9 of 40 backup(s)", "older than the retention of 30d", "not pruned");
        assertThat(outcome.evidence().toString()).contains("/var/backups/app/app-39.sql.gz");
    }

    @Test
    void warnsWhenTheWindowHoldsFewerBackupsThanTheScheduleWrites() throws Exception {
        for (int day = 0; day < 5; day++) {
            backup(root, "/var/backups/app/app-" + day + ".sql.gz", gzip("data"), Duration.ofDays(day).plusHours(1));
        }

        Outcome outcome = run(new BackupRetentionCheck(), HostRoot.mounted(root), Map.of("location", "/var/backups/app", "retention", "30d"));

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(outcome.summary()).contains("only 5 backup(s)", "about 30");
    }

    @Test
    void withoutARetentionNothingIsJudgedAndTheCheckSaysSo() throws Exception {
        backup(root, "/var/backups/app/app.sql.gz", gzip("data"), Duration.ofDays(400));

        Outcome outcome = run(new BackupRetentionCheck(), HostRoot.mounted(root), Map.of("location", "/var/backups/app"));

        assertThat(outcome.skip()).isEqualTo(Outcome.Skip.NOT_APPLICABLE);
        assertThat(outcome.summary()).contains("states no retention");
    }

    @Test
    void theLiveHostIsJudgedWithoutError() {
        Outcome outcome = run(new BackupRetentionCheck(), HostRoot.live(), Map.of("location", "/var/backups", "retention", "30d"));

        assertThat(outcome.status()).as(outcome.summary()).isNotEqualTo(Status.ERROR);
    }
}
