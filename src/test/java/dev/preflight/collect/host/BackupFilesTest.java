package dev.preflight.collect.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupFilesTest {
    @TempDir
    Path dir;

    @Test
    void filesAndDatedSubdirectoriesAreListedNewestFirstWithoutFollowingLinks() throws Exception {
        Path backups = Files.createDirectories(dir.resolve("var/backups/app"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        plant(backups.resolve("app-1.sql.gz"), "old", now.minus(3, ChronoUnit.DAYS));
        plant(backups.resolve("app-2.sql.gz"), "newer", now.minus(1, ChronoUnit.DAYS));
        plant(Files.createDirectories(backups.resolve("2026-11-23")).resolve("app.dump"), "newest!", now);
        Files.writeString(dir.resolve("outside"), "not a backup");
        Files.createSymbolicLink(backups.resolve("latest"), Path.of("/outside"));

        var files = BackupFiles.in(HostRoot.mounted(dir), "/var/backups/app");

        assertThat(files).extracting(BackupFiles.BackupFile::hostPath).containsExactly("/var/backups/app/2026-11-23/app.dump",
                "/var/backups/app/app-2.sql.gz", "/var/backups/app/app-1.sql.gz");
        assertThat(files.get(0).size()).isEqualTo(7);
        assertThat(files.get(0).modified()).isEqualTo(now);
        assertThat(files.get(2).file()).isEqualTo(dir.toRealPath().resolve("var/backups/app/app-1.sql.gz"));
    }

    @Test
    void aMissingDirectoryHasNoBackups() {
        assertThat(BackupFiles.in(HostRoot.mounted(dir), "/var/backups/none")).isEmpty();
    }

    private static void plant(Path file, String text, Instant modified) throws Exception {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }
}
