package dev.preflight.checks.repo;

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

class DocsCheckTest {
    private static final String RUNBOOK = """
            # Runbook

            ## Upscaler queue backs up
            1. Check `redis-cli llen jobs`.
            2. Scale workers: `docker compose up -d --scale worker=4`.
            """;

    @TempDir
    Path dir;

    private Outcome check(String itemText) {
        return check(itemText, Params.NONE);
    }

    private Outcome check(String itemText, Params params) {
        return new DocsCheck().run(new CheckContext(params, itemText, new RepoSnapshot(dir), null, false));
    }

    @Test
    void passesWhenTheNamedFileExists() throws Exception {
        write(dir, "docs/QUICKSTART.md", "# Quickstart\n\nRun `docker compose up` and open http://localhost:8000.\n");

        Outcome outcome = check("QUICKSTART.md - 5-minute setup guide");

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).containsExactly(new Evidence.FileLine("docs/QUICKSTART.md", 0, "3 lines"));
    }

    @Test
    void theNamedReadmeIsTheProjectsOwn() throws Exception {
        write(dir, "docs/api/README.md", "# API\n\nEndpoints: POST /upscale, GET /jobs/{id}, GET /health and GET /metrics.\n");
        write(dir, "README.md", "# Upscaler\n\nTODO\n");

        Outcome outcome = check("README.md - Comprehensive overview");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("README.md (README.md) is empty or a stub: 13 characters");
    }

    @Test
    void failsWhenTheNamedFileIsMissing() throws Exception {
        write(dir, "README.md", "# App\n\nAn image upscaler behind Flask and Celery, with Redis as the broker.\n");

        Outcome outcome = check("FEATURES_AND_USAGE.md - API documentation");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("FEATURES_AND_USAGE.md is not in the repository");
    }

    @Test
    void passesWhenTheDirectiveNamesTheDocument() throws Exception {
        write(dir, "ops/ONCALL.md", RUNBOOK);

        assertThat(check("Create runbook for common issues", new Params(Map.of("document", "ONCALL.md"))).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void passesOnARunbookFoundByTheItemsWords() throws Exception {
        write(dir, "docs/runbook.md", RUNBOOK);

        Outcome outcome = check("Create runbook for common issues");

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("runbook: docs/runbook.md (5 lines)");
    }

    @Test
    void passesOnABackupRestoreProcedureFile() throws Exception {
        write(dir, "docs/BACKUP_AND_RESTORE.md", """
                # Backup and restore
                Nightly: `pg_dump -Fc app > /backups/app-$(date +%F).dump` (kept 30 days).
                Restore: `pg_restore -d app /backups/app-2026-11-01.dump`.
                """);

        assertThat(check("Document backup/restore procedure").status()).isEqualTo(Status.PASS);
    }

    @Test
    void passesOnAHeadingInsideTheReadme() throws Exception {
        write(dir, "README.md", """
                # File to API

                ## Setup
                ```bash
                # Restore a dump into a fresh database
                pip install -r requirements.txt
                ```

                ## Backup and restore
                The database is dumped nightly by `scripts/backup.sh` to S3; restore with
                `pg_restore --clean -d fileapi latest.dump` and restart the web service.
                """);

        Outcome outcome = check("Document backup/restore procedure");

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).containsExactly(new Evidence.FileLine("README.md", 9, "## Backup and restore"));
    }

    @Test
    void failsWhenTheOnlyMatchIsACommentInACodeBlock() throws Exception {
        write(dir, "README.md", """
                # Upscaler

                ```bash
                # Deploy to production
                ./deploy.sh production
                ```
                """);

        Outcome outcome = check("Document deployment process");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("no deployment guide found in the repository");
    }

    @Test
    void failsOnAStubFile() throws Exception {
        write(dir, "RUNBOOK.md", "# Runbook\n\nTODO\n");

        Outcome outcome = check("Create runbook for common issues");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("runbook (RUNBOOK.md) is empty or a stub: 12 characters");
    }

    @Test
    void aWrittenSectionElsewhereOutweighsAStubFile() throws Exception {
        write(dir, "RUNBOOK.md", "# Runbook\n\nTODO\n");
        write(dir, "docs/operations-guide.md", RUNBOOK);

        assertThat(check("Create runbook for common issues").status()).isEqualTo(Status.PASS);
    }

    @Test
    void failsOnAHeadingWithNothingUnderIt() throws Exception {
        write(dir, "README.md", """
                # App
                ## Troubleshooting

                ## License
                MIT License. Copyright (c) 2026 the authors of this project.
                """);

        Outcome outcome = check("Add a troubleshooting guide");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("the troubleshooting guide section of README.md is empty or a stub: 0 characters");
    }

    @Test
    void theChecklistItselfIsNotTheDeploymentGuide() throws Exception {
        write(dir, "DEPLOYMENT_CHECKLIST.md", "# Deployment checklist\n\n- [ ] Document deployment process\n- [ ] Set DEBUG=False\n");

        assertThat(check("Document deployment process").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void isNotApplicableWhenTheItemNamesNoDocument() throws Exception {
        write(dir, "README.md", "# App\n");

        Outcome outcome = check("Keep everything current");

        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.isUnverified()).isFalse();
    }
}
