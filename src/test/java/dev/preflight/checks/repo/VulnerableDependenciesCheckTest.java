package dev.preflight.checks.repo;

import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.CheckContext;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Status;
import dev.preflight.collect.RepoSnapshot;
import dev.preflight.collect.osv.OsvDatabase;

class VulnerableDependenciesCheckTest {
    private static final Path OSV = Path.of("src/test/resources/fixtures/repo.vulnerable-dependencies/osv");

    @TempDir
    Path dir;

    private Outcome check(OsvDatabase osv) {
        return new VulnerableDependenciesCheck().run(new CheckContext(Params.NONE, "Check for security vulnerabilities: pip audit or safety check",
                new RepoSnapshot(dir), null, false, osv));
    }

    @Test
    void failsOnceForAVulnerabilityTwoAdvisoriesDescribe() throws Exception {
        write(dir, "requirements.txt", "Flask==2.2.4\ngunicorn==21.2.0\n");

        Outcome outcome = check(new OsvDatabase(OSV));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("1 known vulnerability in 1 dependency version(s): CVE-2023-30861 (GHSA-m2qf-hxjv-5gpq, PYSEC-2023-62)");
        assertThat(outcome.evidence()).singleElement().satisfies(e -> assertThat(e.describe()).startsWith(
                "requirements.txt:1: Flask 2.2.4: CVE-2023-30861 (GHSA-m2qf-hxjv-5gpq, PYSEC-2023-62) — Flask vulnerable").endsWith("(fixed in 2.3.2, 2.2.5)"));
        assertThat(outcome.remediation()).startsWith("Upgrade Flask to 2.3.2 or 2.2.5");
    }

    @Test
    void failsOnLockedVersionsOfEveryEcosystem() throws Exception {
        write(dir, "web/package-lock.json", """
                {"name": "web", "lockfileVersion": 3, "packages": {
                  "": {"name": "web"},
                  "node_modules/lodash": {"version": "4.17.20"},
                  "node_modules/express": {"version": "4.18.2"}
                }}""");
        write(dir, "svc/go.mod", "module svc\n\ngo 1.22\n\nrequire (\n\tgolang.org/x/net v0.6.0 // indirect\n)\n");
        write(dir, "jvm/pom.xml", "<project><properties><log4j.version>2.14.1</log4j.version></properties><dependencies>\n<dependency>"
                + "<groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>${log4j.version}</version>"
                + "</dependency></dependencies></project>\n");
        write(dir, "py/poetry.lock", "[[package]]\nname = \"django\"\nversion = \"4.2rc1\"\n\n[[package]]\nname = \"flask\"\nversion = \"2.3.2\"\n");

        Outcome outcome = check(new OsvDatabase(OSV));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).extracting(e -> ((Evidence.FileLine) e).path() + ":" + ((Evidence.FileLine) e).line())
                .containsExactly("jvm/pom.xml:2", "py/poetry.lock:2", "svc/go.mod:6", "web/package-lock.json:3");
        assertThat(outcome.summary()).startsWith("4 known vulnerabilities in 4 dependency version(s)");
    }

    @Test
    void passesWhenNoLockedVersionIsAffected() throws Exception {
        write(dir, "Pipfile.lock", "{\"_meta\": {}, \"default\": {\"flask\": {\"version\": \"==2.3.2\"}}, \"develop\": {}}");
        write(dir, "package-lock.json", "{\"lockfileVersion\": 3, \"packages\": {\"node_modules/express\": {\"version\": \"4.18.2\"}}}");

        Outcome outcome = check(new OsvDatabase(OSV));

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("2 dependency versions from Pipfile.lock, package-lock.json matched against 6 OSV advisories: none affected");
    }

    @Test
    void withoutOsvDataItIsUnverifiedNeverAPass() throws Exception {
        write(dir, "requirements.txt", "Flask==2.3.2\n");

        Outcome outcome = check(null);

        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.isUnverified()).isTrue();
        assertThat(outcome.summary()).startsWith("needs --osv DIR (an OSV export)");
    }

    @Test
    void warnsWhenAnEcosystemOfTheRepositoryHasNoAdvisories(@TempDir Path osv) throws Exception {
        Files.copy(OSV.resolve("npm/GHSA-35jh-r3h4-6jhm.json"), osv.resolve("lodash.json"));
        write(dir, "requirements.txt", "Flask==2.2.4\n");
        write(dir, "package-lock.json", "{\"lockfileVersion\": 3, \"packages\": {\"node_modules/lodash\": {\"version\": \"4.17.21\"}}}");

        Outcome outcome = check(new OsvDatabase(osv));

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(outcome.summary()).endsWith("but PyPI had no advisories to match");
    }

    @Test
    void isUnverifiedWhenTheExportCoversNoneOfTheRepositorysEcosystems(@TempDir Path osv) throws Exception {
        Files.copy(OSV.resolve("npm/GHSA-35jh-r3h4-6jhm.json"), osv.resolve("lodash.json"));
        write(dir, "requirements.txt", "Flask==2.2.4\n");

        Outcome outcome = check(new OsvDatabase(osv));

        assertThat(outcome.isUnverified()).isTrue();
        assertThat(outcome.summary()).isEqualTo("the OSV export has no advisories for PyPI");
    }

    @Test
    void reportsAnUnreadableLockfileAndGoesOn() throws Exception {
        write(dir, "package-lock.json", "{\n  \"packages\": {\n");
        write(dir, "requirements.txt", "Flask==2.2.4\n");

        Outcome outcome = check(new OsvDatabase(OSV));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).anySatisfy(e -> assertThat(e.describe()).startsWith("package-lock.json: cannot parse at 3:"));
    }

    @Test
    void isNotApplicableWithoutResolvedVersions() throws Exception {
        write(dir, "app.py", "print('hi')\n");

        Outcome outcome = check(new OsvDatabase(OSV));

        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.isUnverified()).isFalse();
    }
}
