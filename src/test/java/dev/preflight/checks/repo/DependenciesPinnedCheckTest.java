package dev.preflight.checks.repo;

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
import dev.preflight.collect.RepoSnapshot;

class DependenciesPinnedCheckTest {
    @TempDir
    Path dir;

    private Outcome check() {
        return new DependenciesPinnedCheck().run(new CheckContext(Params.NONE, "Pin all dependency versions", new RepoSnapshot(dir), null, false));
    }

    @Test
    void passesOnExactPinsWithHashesAndLockedRanges() throws Exception {
        write(dir, "requirements.txt", "# prod\nDjango==4.2.11 \\\n    --hash=sha256:abc\ngunicorn==21.2.0  # server\n-r base.txt\n");
        write(dir, "web/package.json", "{\"dependencies\": {\"express\": \"^4.18.2\"}}");
        write(dir, "web/package-lock.json", "{\"lockfileVersion\": 3, \"packages\": {}}");
        write(dir, "svc/go.mod", "module x\n\ngo 1.22\n\nrequire golang.org/x/net v0.7.0\n");
        write(dir, "svc/go.sum", "golang.org/x/net v0.7.0 h1:abc=\n");

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("3 manifest(s) checked: 2 exact pin(s), locked by svc/go.sum, web/package-lock.json");
    }

    @Test
    void failsOnLooseRequirementsWithTheirLines() throws Exception {
        write(dir, "requirements.txt", "Django>=4.2\nrequests\ncelery~=5.3\nflask==2.*\n-e git+https://github.com/x/y.git#egg=y\nnumpy==1.26.4\n");

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("5 dependencies are not pinned to one version");
        assertThat(outcome.evidence()).extracting(e -> ((Evidence.FileLine) e).line()).containsExactly(1, 2, 3, 4, 5);
        assertThat(outcome.evidence().getFirst().describe()).isEqualTo("requirements.txt:1: Django>=4.2  (not pinned with ==)");
    }

    @Test
    void failsOnPackageJsonRangesWithoutALockfile() throws Exception {
        write(dir, "package.json", "{\n  \"dependencies\": {\n    \"express\": \"^4.18.2\",\n    \"helmet\": \"7.1.0\",\n"
                + "    \"cors\": \"*\",\n    \"lodash\": \"latest\"\n  },\n  \"devDependencies\": {\"jest\": \"~29.0.0\", \"x\": \"1.x\"}\n}\n");

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(
                "package.json:3: \"express\": \"^4.18.2\"  (a range, and no lockfile)",
                "package.json:5: \"cors\": \"*\"  (a range, and no lockfile)",
                "package.json:6: \"lodash\": \"latest\"  (a range, and no lockfile)",
                "package.json:8: \"jest\": \"~29.0.0\"  (a range, and no lockfile)",
                "package.json:8: \"x\": \"1.x\"  (a range, and no lockfile)");
    }

    @Test
    void passesOnAWorkspacePackageLockedAtTheRoot() throws Exception {
        write(dir, "yarn.lock", "# yarn lockfile v1\n");
        write(dir, "packages/api/package.json", "{\"dependencies\": {\"express\": \"^4.18.2\"}}");

        assertThat(check().status()).isEqualTo(Status.PASS);
    }

    @Test
    void failsOnPipfilePoetryAndGoWithoutTheirLocks() throws Exception {
        write(dir, "a/Pipfile", "[packages]\ndjango = \"*\"\n");
        write(dir, "b/pyproject.toml", "[build-system]\n\n[tool.poetry]\nname = \"b\"\n");
        write(dir, "c/go.mod", "module c\n\ngo 1.22\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.9.1\n)\n");

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(
                "a/Pipfile: no Pipfile.lock beside it (run 'pipenv lock' and commit it)",
                "b/pyproject.toml:3: Poetry project without poetry.lock (run 'poetry lock' and commit it)",
                "c/go.mod:5: no go.sum beside it (run 'go mod tidy' and commit go.sum)");
    }

    @Test
    void failsOnMavenRangesAndSnapshotsAndGradleDynamicVersions() throws Exception {
        write(dir, "pom.xml", """
                <project>
                  <version>1.0-SNAPSHOT</version>
                  <properties><lib.version>2.1-SNAPSHOT</lib.version><jackson.version>2.17.1</jackson.version></properties>
                  <dependencies>
                    <dependency>
                      <groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId>
                      <version>${jackson.version}</version>
                    </dependency>
                    <dependency>
                      <groupId>org.example</groupId><artifactId>lib</artifactId>
                      <version>${lib.version}</version>
                    </dependency>
                    <dependency>
                      <groupId>org.example</groupId><artifactId>ranged</artifactId>
                      <version>[1.0,2.0)</version>
                    </dependency>
                  </dependencies>
                </project>
                """);
        write(dir, "app/build.gradle", "dependencies {\n    implementation 'org.slf4j:slf4j-api:2.0.13'\n"
                + "    implementation 'com.google.guava:guava:33.+'\n    runtimeOnly \"org.x:y:latest.release\"\n}\n");

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(
                "app/build.gradle:3: com.google.guava:guava:33.+  (a dynamic version)",
                "app/build.gradle:4: org.x:y:latest.release  (whatever is newest at build time)",
                "pom.xml:11: lib 2.1-SNAPSHOT  (a SNAPSHOT, which changes under the same version)",
                "pom.xml:15: ranged [1.0,2.0)  (a version range)");
    }

    @Test
    void passesOnPep621ProjectWithUvLockAndFailsWithout() throws Exception {
        write(dir, "pyproject.toml", "[project]\nname = \"svc\"\ndependencies = [\n  \"fastapi>=0.110\",\n]\n");

        assertThat(check().status()).isEqualTo(Status.FAIL);

        write(dir, "uv.lock", "version = 1\n");
        assertThat(check().status()).isEqualTo(Status.PASS);
    }

    @Test
    void skipsWhenThereIsNoManifest() throws Exception {
        write(dir, "main.py", "print('hi')\n");

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.isUnverified()).isFalse();
    }
}
