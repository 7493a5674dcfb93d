package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.collect.db.DatabaseUrl;
import dev.preflight.collect.db.ScratchDatabases;

/** {@code --restore-db} and the config's {@code backup:} reach the restore drill through {@code preflight check}. */
class RestoreDbOptionTest {
    @RegisterExtension
    static final ScratchDatabases SCRATCH = new ScratchDatabases();

    @TempDir
    Path dir;

    @Test
    void theConfigsBackupLocationAndRestoreDbLetTheDrillPass() throws Exception {
        Path backups = Files.createDirectories(dir.resolve("backups"));
        DatabaseUrl live = SCRATCH.postgresAsSuperuser();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + live.database() + "?user=postgres");
             Statement s = c.createStatement()) {
            s.execute("create table notes as select g as id from generate_series(1, 10) g");
        }
        Process dump = new ProcessBuilder("pg_dump", "-Fc", "-h", "127.0.0.1", "-U", "postgres", "-f",
                backups.resolve("app.dump").toString(), live.database()).redirectErrorStream(true).start();
        assertThat(dump.waitFor()).as(new String(dump.getInputStream().readAllBytes())).isZero();
        Files.writeString(dir.resolve("c.md"), "- [ ] Test backup restoration\n");
        Files.writeString(dir.resolve("preflight.yaml"), "backup:\n  location: " + backups + "\n  restoreDb: "
                                                         + ScratchDatabases.POSTGRES_ADMIN + "\n");
        LintCommandTest.Result withConfig = LintCommandTest.run("check", dir.resolve("c.md").toString(), "--config",
                dir.resolve("preflight.yaml").toString(), "--active", "--db", live.text());
        assertThat(withConfig.out()).contains("backup.restore-drill").doesNotContain("SKIP");
        assertThat(withConfig.exit()).as(withConfig.out()).isZero();

        Files.writeString(dir.resolve("preflight.yaml"), "backup:\n  location: " + backups + "\n");
        LintCommandTest.Result withoutAdmin = LintCommandTest.run("check", dir.resolve("c.md").toString(), "--config",
                dir.resolve("preflight.yaml").toString(), "--active", "--db", live.text());
        assertThat(withoutAdmin.out()).contains("--restore-db");

        LintCommandTest.Result withOption = LintCommandTest.run("check", dir.resolve("c.md").toString(), "--config",
                dir.resolve("preflight.yaml").toString(), "--active", "--db", live.text(), "--restore-db", ScratchDatabases.POSTGRES_ADMIN);
        assertThat(withOption.exit()).as(withOption.out()).isZero();
    }

    @Test
    void aRestoreDbThatIsNoDatabaseUrlIsOneLineAndExit2() {
        LintCommandTest.Result r = LintCommandTest.run("check", "--restore-db", "ftp://nope", "--db", ScratchDatabases.POSTGRES_ADMIN);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
    }
}
