package dev.preflight.collect;

import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.collect.osv.Ecosystem;

class ResolvedVersionsTest {
    @TempDir
    Path dir;

    @Test
    void prefersAPythonLockfileOverRequirementsPinsInTheSameFolder() throws Exception {
        write(dir, "poetry.lock", "[[package]]\nname = \"flask\"\nversion = \"2.3.2\"\n\n[metadata]\nname = \"not-a-package\"\n");
        write(dir, "requirements.txt", "flask==2.2.4\n");
        write(dir, "tools/requirements.txt", "black==24.1.0\n");

        ResolvedVersions.Result result = ResolvedVersions.of(new RepoSnapshot(dir));

        assertThat(result.dependencies()).containsExactly(
                new ResolvedDependency(Ecosystem.PYPI, "flask", "2.3.2", "poetry.lock", 2),
                new ResolvedDependency(Ecosystem.PYPI, "black", "24.1.0", "tools/requirements.txt", 1));
    }

    @Test
    void readsNestedNpmPackagesOfLockfileV1AndV3() throws Exception {
        write(dir, "a/package-lock.json", "{\"lockfileVersion\": 3, \"packages\": {\"\": {}, \"node_modules/x/node_modules/@s/y\": {\"version\": \"1.0.0\"},"
                + " \"packages/local\": {\"version\": \"0.0.1\"}, \"node_modules/z\": {\"link\": true}}}");
        write(dir, "b/package-lock.json", "{\"lockfileVersion\": 1, \"dependencies\": {\"p\": {\"version\": \"2.0.0\", \"dependencies\": {\"q\": {\"version\": \"3.0.0\"}}}}}");

        ResolvedVersions.Result result = ResolvedVersions.of(new RepoSnapshot(dir));

        assertThat(result.dependencies()).extracting(d -> d.name() + "@" + d.version()).containsExactly("@s/y@1.0.0", "p@2.0.0", "q@3.0.0");
    }

    @Test
    void readsGoRequireLinesAndLeavesMavenRangesAndUnresolvedPropertiesOut() throws Exception {
        write(dir, "go.mod", "module m\n\nrequire github.com/a/b v1.2.3\n\nrequire (\n\tgithub.com/c/d v2.0.0+incompatible // indirect\n)\n");
        write(dir, "pom.xml", "<project><dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId><version>[1,2)</version></dependency>"
                + "<dependency><groupId>g</groupId><artifactId>b</artifactId><version>${missing}</version></dependency>"
                + "<dependency><groupId>g</groupId><artifactId>c</artifactId><version>1.0</version></dependency></dependencies></project>");

        ResolvedVersions.Result result = ResolvedVersions.of(new RepoSnapshot(dir));

        assertThat(result.dependencies()).extracting(d -> d.name() + "@" + d.version() + ":" + d.line())
                .containsExactly("github.com/a/b@v1.2.3:3", "github.com/c/d@v2.0.0+incompatible:6", "g:c@1.0:1");
    }
}
