package dev.preflight.checks.repo;

import static dev.preflight.collect.GitRepo.git;
import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.CheckContext;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Status;
import dev.preflight.collect.GitRepo;
import dev.preflight.collect.RepoSnapshot;

class EnvIgnoredCheckTest {
    private static final String GITIGNORE = "__pycache__/\n.env\n.env.*\n!.env.example\n";

    @TempDir
    Path dir;

    private Outcome check() throws Exception {
        return new EnvIgnoredCheck().run(new CheckContext(Params.NONE, "Ensure .env is in .gitignore", new RepoSnapshot(dir), null, false));
    }

    @Test
    void passesWhenEnvIsIgnoredAndOnlyTheTemplateIsCommitted() throws Exception {
        GitRepo.init(dir);
        write(dir, ".gitignore", GITIGNORE);
        write(dir, ".env", "DATABASE_URL=postgres://app:s3cret@db/app\n");
        write(dir, ".env.production", "JWT_SECRET=abc\n");
        write(dir, ".env.example", "DATABASE_URL=postgres://user:password@localhost/app\n");
        git(dir, "add", ".");
        git(dir, "commit", "-q", "-m", "init");

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo(".env is ignored (.gitignore:2) and no env file is tracked; 2 local env file(s) ignored");
        assertThat(outcome.evidence()).containsExactly(new Evidence.FileLine(".gitignore", 2, ".env"));
    }

    @Test
    void failsWhenEnvWasCommittedBeforeItWasIgnored() throws Exception {
        GitRepo.init(dir);
        write(dir, ".env", "SECRET_KEY=django-insecure-123\n");
        git(dir, "add", ".env");
        git(dir, "commit", "-q", "-m", "settings");
        write(dir, ".gitignore", GITIGNORE);

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo(".env: tracked by git");
        assertThat(outcome.remediation()).contains("git rm --cached", "rotate");
    }

    @Test
    void failsOnATrackedEnvFileDeletedFromTheWorkingTree() throws Exception {
        GitRepo.init(dir);
        write(dir, ".gitignore", GITIGNORE);
        write(dir, "deploy/prod.env", "AWS_SECRET_ACCESS_KEY=x\n");
        git(dir, "add", "-f", "deploy/prod.env", ".gitignore");
        git(dir, "commit", "-q", "-m", "oops");
        java.nio.file.Files.delete(dir.resolve("deploy/prod.env"));

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).contains(new Evidence.FileLine("deploy/prod.env", 0, "tracked by git"));
    }

    @Test
    void failsWhenThereIsNoGitignore() throws Exception {
        GitRepo.init(dir);
        write(dir, "app.py", "\n");

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo(".gitignore: missing");
    }

    @Test
    void failsWhenTheGitignoreHasNoEnvRule() throws Exception {
        GitRepo.init(dir);
        write(dir, ".gitignore", "node_modules/\n*.pyc\n");

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo(".gitignore: no rule ignores .env");
    }

    @Test
    void failsWhenAnotherEnvFileIsNotIgnored() throws Exception {
        GitRepo.init(dir);
        write(dir, ".gitignore", ".env\n");
        write(dir, ".env.production", "JWT_SECRET=abc\n");

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).containsExactly(new Evidence.FileLine(".env.production", 0, "not ignored by any .gitignore"));
    }

    @Test
    void passesWhenAServiceFolderIgnoresItsOwnEnv() throws Exception {
        GitRepo.init(dir);
        write(dir, ".gitignore", ".env\n");
        write(dir, "api/.gitignore", "*.env\n.env.local\n");
        write(dir, "api/.env.local", "X=1\n");
        write(dir, "api/prod.env", "X=1\n");

        assertThat(check().status()).isEqualTo(Status.PASS);
    }

    @Test
    void passesOutsideGitButSaysTrackedFilesWereNotChecked() throws Exception {
        write(dir, ".gitignore", GITIGNORE);
        write(dir, ".env", "X=1\n");

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).doesNotContain("tracked");
        assertThat(outcome.evidence()).contains(new Evidence.Note("not a git work tree (or git is missing): tracked files were not checked"));
    }

    @Test
    void neverPrintsWhatAnEnvFileHolds() throws Exception {
        GitRepo.init(dir);
        write(dir, ".env", "STRIPE_KEY=sk_live_abcdef123456\n");
        git(dir, "add", ".env");

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).allSatisfy(e -> assertThat(e.describe()).doesNotContain("sk_live"));
    }
}
