package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.collect.db.DatabaseUrl;
import dev.preflight.collect.db.ScratchDatabases;

/** {@code check --repo} without {@code --db} contacts the database the repository's .env names, and says where it came from, on standard error and in the report's evidence. */
class ConfiguredDatabasesCliTest {
    @RegisterExtension
    static final ScratchDatabases scratch = new ScratchDatabases();
    @TempDir
    Path dir;

    @Test
    void checkRunsTheDbChecksAgainstTheUrlInTheRepositorysEnvFileAndThePlanShowsIt() throws Exception {
        DatabaseUrl pg = scratch.postgresWithRestrictedUser();
        Files.writeString(dir.resolve(".env"), "DEBUG=0\nDATABASE_URL=" + pg.text() + "\n");
        Files.writeString(dir.resolve("CHECKLIST.md"), "# Data\n- [ ] Database connection verified\n");

        CliProcess run = CliProcess.run(dir, "check", "CHECKLIST.md", "--repo", ".");

        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        assertThat(run.stderr()).contains("preflight: database " + pg.redacted() + " (from .env:2)");
        assertThat(run.stdout()).contains("PostgreSQL 1").contains("Verdict: GO");
        assertThat(run.stdout() + run.stderr()).doesNotContain(pg.password());

        CliProcess json = CliProcess.run(dir, "check", "CHECKLIST.md", "--repo", ".", "--format", "json");

        assertThat(json.exitCode()).as(json.stdout() + json.stderr()).isZero();
        assertThat(json.stdout()).contains("database: " + pg.redacted() + " (from .env:2)").doesNotContain(pg.password());

        CliProcess plan = CliProcess.run(dir, "check", "CHECKLIST.md", "--repo", ".", "--plan");

        assertThat(plan.exitCode()).as(plan.stdout() + plan.stderr()).isZero();
        assertThat(plan.stdout()).contains("  database " + pg.redacted() + " (from .env:2)").doesNotContain(pg.password());
    }
}
