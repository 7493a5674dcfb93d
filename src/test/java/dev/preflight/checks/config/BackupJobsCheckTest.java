package dev.preflight.checks.config;

import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.CheckContext;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Status;
import dev.preflight.collect.RepoSnapshot;

class BackupJobsCheckTest {
    private static final String SCRIPT = """
            #!/usr/bin/env bash
            set -euo pipefail
            RETENTION_DAYS=30
            BACKUP_DIR=/var/backups/filetoapi
            stamp=$(date +%Y%m%d-%H%M%S)
            sqlite3 /srv/filetoapi/db.sqlite3 ".backup '$BACKUP_DIR/db-$stamp.sqlite3'"
            tar czf "$BACKUP_DIR/media-$stamp.tar.gz" -C /srv/filetoapi media
            find "$BACKUP_DIR" -type f -mtime +$RETENTION_DAYS -delete
            """;

    @TempDir
    Path dir;

    private Outcome check(String item, Map<String, String> params) {
        return new BackupJobsCheck().run(new CheckContext(new Params(params), item, new RepoSnapshot(dir), null, false));
    }

    @Test
    void passesOnADailyCronEntryWhoseScriptKeepsThirtyDays() throws Exception {
        write(dir, "scripts/backup.sh", SCRIPT);
        write(dir, "deploy/cron.d/filetoapi", "SHELL=/bin/bash\n# nightly backup\n0 2 * * * filetoapi /srv/filetoapi/scripts/backup.sh >> /var/log/backup.log 2>&1\n");

        Outcome outcome = check("Configure backup retention policy (e.g., keep 30 days)", Map.of("retention", "30d", "every", "1d"));

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).containsExactly(
                new Evidence.FileLine("deploy/cron.d/filetoapi", 3, "0 2 * * * filetoapi /srv/filetoapi/scripts/backup.sh >> /var/log/backup.log 2>&1"),
                new Evidence.FileLine("scripts/backup.sh", 8, "find \"$BACKUP_DIR\" -type f -mtime +$RETENTION_DAYS -delete (keeps 30 days)"));
    }

    @Test
    void passesOnASystemdTimerRunningTheScript() throws Exception {
        write(dir, "scripts/backup.sh", SCRIPT);
        write(dir, "deploy/backup.timer", "[Timer]\nOnCalendar=*-*-* 02:30:00\nPersistent=true\n\n[Install]\nWantedBy=timers.target\n");
        write(dir, "deploy/backup.service", "[Service]\nType=oneshot\nUser=backup\nExecStart=/srv/app/scripts/backup.sh\n");

        Outcome outcome = check("Set up automated daily backups", Map.of("every", "1d"));

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).contains(new Evidence.FileLine("deploy/backup.timer", 2, "OnCalendar=*-*-* 02:30:00"));
    }

    @Test
    void failsWhenTheScriptDeletesBackupsSoonerThanTheItemKeepsThem() throws Exception {
        write(dir, "scripts/backup.sh", SCRIPT.replace("RETENTION_DAYS=30", "RETENTION_DAYS=7"));
        write(dir, "crontab", "0 3 * * 0 /srv/app/scripts/backup.sh\n");

        Outcome outcome = check("Configure backup retention policy (e.g., keep 30 days)", Map.of("retention", "30d", "every", "1d"));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).containsExactly(
                new Evidence.FileLine("crontab", 1, "0 3 * * 0 /srv/app/scripts/backup.sh (runs 7d, the item asks every 1d)"),
                new Evidence.FileLine("scripts/backup.sh", 8,
                        "find \"$BACKUP_DIR\" -type f -mtime +$RETENTION_DAYS -delete (deletes backups after 7 days, the item keeps 30d)"));
    }

    @Test
    void failsWhenTheBackupScriptIsNotScheduled() throws Exception {
        write(dir, "scripts/backup.sh", SCRIPT);

        Outcome outcome = check("Create backup script", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("scripts/backup.sh exists but no cron entry or systemd timer in the repository runs it");
    }

    @Test
    void warnsWhenNothingPrunesOldBackups() throws Exception {
        write(dir, "ops/crontab", "@daily pg_dump -Fc app > /var/backups/app-$(date +\\%F).dump\n");

        Outcome outcome = check("Set up automated daily backups", Map.of("every", "1d"));

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(outcome.summary()).isEqualTo("ops/crontab: no pruning of old backups (find -mtime +N -delete) in ops/crontab");
    }

    @Test
    void masksThePasswordOfADumpCommandInTheEvidence() throws Exception {
        write(dir, "ops/crontab", "15 1 * * * mysqldump -u shop -pTr0ub4dor3Tr0ub4dor3 shop | gzip > /var/backups/shop.sql.gz\n");

        Outcome outcome = check("Set up automated daily backups", Map.of("every", "1d"));

        assertThat(outcome.evidence()).extracting(Evidence::describe).noneMatch(d -> d.contains("Tr0ub4dor3"))
                .anyMatch(d -> d.contains("-pTr0u…"));
    }

    @Test
    void isNotApplicableWithoutBackupJobsOrScripts() throws Exception {
        write(dir, "app.py", "\n");

        assertThat(check("Set up automated daily backups", Map.of()).status()).isEqualTo(Status.SKIP);
    }
}
