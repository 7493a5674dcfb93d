package dev.preflight.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Trees that must not stop a scan (symlink loops, a 2 GB file, text that is not UTF-8), and facts read once per run. */
class RepoSnapshotHostileTreeTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(30)
    void aSymlinkLoopIsNotFollowed() throws IOException {
        Files.createDirectories(dir.resolve("a/b"));
        Files.createSymbolicLink(dir.resolve("a/b/loop"), dir.resolve("a"));
        Files.writeString(dir.resolve("a/b/settings.py"), "DEBUG = False\n");

        RepoSnapshot repo = new RepoSnapshot(dir);

        assertThat(repo.files()).containsExactly("a/b/settings.py");
    }

    @Test
    @Timeout(30)
    void aTwoGigabyteFileIsListedButNotRead() throws IOException {
        try (RandomAccessFile huge = new RandomAccessFile(dir.resolve("dump.sql").toFile(), "rw")) {
            huge.setLength(2L * 1024 * 1024 * 1024);
        }
        Files.writeString(dir.resolve("README.md"), "# Service\n");

        RepoSnapshot repo = new RepoSnapshot(dir);

        assertThat(repo.files()).containsExactly("README.md", "dump.sql");
        assertThat(repo.read("dump.sql")).isEmpty();
        assertThat(repo.read("README.md")).contains("# Service\n");
    }

    @Test
    void textThatIsNotUtf8IsStillReadWithReplacementCharacters() throws IOException {
        Files.write(dir.resolve("legacy.conf"), new byte[] {'k', 'e', 'y', '=', (byte) 0xE9, 't', 'e', '\n'});

        assertThat(new RepoSnapshot(dir).read("legacy.conf")).contains("key=\uFFFDte\n");
    }

    @Test
    void aDerivedFactIsReadOnceHoweverManyChecksAskForIt() throws IOException {
        Files.writeString(dir.resolve("settings.py"), "DEBUG = False\n");
        RepoSnapshot repo = new RepoSnapshot(dir);
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();

        java.util.stream.IntStream.range(0, 8).parallel()
                .forEach(i -> repo.derived("settings", r -> reads.incrementAndGet() + r.files().size()));

        assertThat(reads).hasValue(1);
        assertThat(repo.<Integer>derived("settings", r -> 0)).isEqualTo(2);
    }
}
