package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** targets.host and backup.location of preflight.yaml, through the CLI in this JVM. */
class BackupConfigTest {
    @TempDir
    Path dir;

    @Test
    void targetsHostAndBackupLocationReachTheBackupChecks() throws Exception {
        Path root = Files.createDirectories(dir.resolve("image"));
        Path stale = Files.createDirectories(root.resolve("srv/backups")).resolve("app.sql");
        Files.writeString(stale, "CREATE TABLE t (id int);\n");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofDays(3))));
        Path checklist = Files.writeString(dir.resolve("checklist.md"), "- [ ] Newest backup is from today\n- [ ] Newest backup in /srv/other is recent\n");
        Path config = Files.writeString(dir.resolve("preflight.yaml"), "targets:\n  host: " + root + "\nbackup:\n  location: /srv/backups\n");

        LintCommandTest.Result r = LintCommandTest.run("check", checklist.toString(), "--config", config.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("backup.recent").contains("the newest backup in /srv/backups is 3d old; the item asks every 1d (allowed: 26h)").doesNotContain("no --host given")
                .contains("/srv/other does not exist on the host root");
    }

    @Test
    void theOptionsWinOverTargetsHost() throws Exception {
        Path checklist = Files.writeString(dir.resolve("checklist.md"), "- [ ] Newest backup is from today\n");
        Path config = Files.writeString(dir.resolve("preflight.yaml"), "targets:\n  host: " + dir.resolve("missing") + "\n");
        Path root = Files.createDirectories(dir.resolve("image"));

        LintCommandTest.Result r = LintCommandTest.run("check", checklist.toString(), "--config", config.toString(), "--host-root", root.toString());

        assertThat(r.err()).doesNotContain("targets.host");
        assertThat(r.out()).contains("no backup location: name it in the item");
    }

    @Test
    void aTargetsHostThatIsNotADirectoryIsOneLineWithItsPlace() throws Exception {
        Path checklist = Files.writeString(dir.resolve("checklist.md"), "- [ ] Disable root SSH login\n");
        Path config = Files.writeString(dir.resolve("preflight.yaml"), "# hosts\ntargets:\n  host: " + dir.resolve("missing") + "\n");

        LintCommandTest.Result r = LintCommandTest.run("check", checklist.toString(), "--config", config.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("preflight: " + config + ":3: targets.host " + dir.resolve("missing") + ": not a directory");
    }

    @Test
    void aRelativeBackupLocationOrAnEmptyHostIsAnErrorAtItsLine() throws Exception {
        Path checklist = Files.writeString(dir.resolve("checklist.md"), "- [ ] Disable root SSH login\n");
        Path relative = Files.writeString(dir.resolve("relative.yaml"), "backup:\n  restoreDb: postgresql://127.0.0.1/postgres\n  location: backups\n");
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "targets:\n  host: ''\n");
        Path unknown = Files.writeString(dir.resolve("unknown.yaml"), "backup:\n  dir: /srv/backups\n");

        LintCommandTest.Result r1 = LintCommandTest.run("check", checklist.toString(), "--config", relative.toString());
        LintCommandTest.Result r2 = LintCommandTest.run("check", checklist.toString(), "--config", empty.toString());
        LintCommandTest.Result r3 = LintCommandTest.run("check", checklist.toString(), "--config", unknown.toString());

        assertThat(r1.exit()).isEqualTo(2);
        assertThat(r1.err()).contains(relative + ":3: backup.location 'backups' is not an absolute path on the host");
        assertThat(r2.exit()).isEqualTo(2);
        assertThat(r2.err()).contains(empty + ":2: targets.host is empty");
        assertThat(r3.exit()).isEqualTo(2);
        assertThat(r3.err()).contains(unknown + ":2:3: unknown key 'dir' (known here: location, restoreDb)");
    }
}
