package dev.preflight.collect;

import static dev.preflight.collect.GitRepo.git;
import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoSnapshotTest {

    @TempDir
    Path dir;

    @Test
    void walksOnceSkippingDependencyFolders() throws Exception {
        write(dir, "README.md", "# App\n");
        write(dir, "src/app.py", "print('hi')\n");
        write(dir, "node_modules/left-pad/README.md", "# left-pad\n");
        write(dir, ".venv/lib/site.py", "\n");
        RepoSnapshot repo = new RepoSnapshot(dir);

        assertThat(repo.files()).containsExactly("README.md", "src/app.py");
        assertThat(repo.files()).isSameAs(repo.files());
    }

    @Test
    void readsTextButNotBinaryFiles() throws Exception {
        write(dir, "notes.md", "hello\n");
        java.nio.file.Files.write(dir.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1});
        RepoSnapshot repo = new RepoSnapshot(dir);

        assertThat(repo.read("notes.md")).contains("hello\n");
        assertThat(repo.read("logo.png")).isEmpty();
        assertThat(repo.read("missing.md")).isEmpty();
    }

    @Test
    void asksGitWhichFilesAreTracked() throws Exception {
        GitRepo.init(dir);
        write(dir, "app.py", "\n");
        write(dir, "scratch.txt", "\n");
        git(dir, "add", "app.py");

        assertThat(new RepoSnapshot(dir).trackedFiles()).hasValueSatisfying(t -> assertThat(t).containsExactly("app.py"));
    }

    @Test
    void aServiceFolderInsideALargerWorkTreeStillKnowsItsTrackedFiles() throws Exception {
        GitRepo.init(dir);
        write(dir, "services/api/.env", "SECRET=1\n");
        git(dir, "add", ".");

        assertThat(new RepoSnapshot(dir.resolve("services/api")).trackedFiles())
                .hasValueSatisfying(t -> assertThat(t).containsExactly(".env"));
    }

    @Test
    void aPlainDirectoryHasNoTrackedFiles() throws Exception {
        write(dir, "app.py", "\n");

        assertThat(new RepoSnapshot(dir).trackedFiles()).isEmpty();
    }

    @Test
    void nestedGitignoreFilesApplyBelowTheirDirectory() throws Exception {
        write(dir, ".gitignore", "*.log\n");
        write(dir, "api/.gitignore", ".env\n");
        write(dir, "web/.gitignore", "!debug.log\n");
        RepoSnapshot repo = new RepoSnapshot(dir);

        assertThat(repo.ignoredBy("api/.env")).get().extracting(GitIgnore.Rule::file, GitIgnore.Rule::line)
                .containsExactly("api/.gitignore", 1);
        assertThat(repo.ignoredBy(".env")).isEmpty();
        assertThat(repo.ignoredBy("web/.env")).isEmpty();
        assertThat(repo.ignoredBy("api/error.log")).isPresent();
        assertThat(repo.ignoredBy("web/debug.log")).isEmpty();
    }
}
