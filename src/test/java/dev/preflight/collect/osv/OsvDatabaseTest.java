package dev.preflight.collect.osv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsvDatabaseTest {
    static final Path FIXTURE = Path.of("src/test/resources/fixtures/repo.vulnerable-dependencies/osv");

    private final OsvDatabase db = new OsvDatabase(FIXTURE);

    @Test
    void readsEveryAdvisoryOfANestedExportAndDropsTheWithdrawnOne() {
        assertThat(db.size()).isEqualTo(6);
        assertThat(db.withdrawn()).isEqualTo(1);
        assertThat(db.problems()).isEmpty();
        assertThat(db.ecosystems()).containsExactlyInAnyOrder(Ecosystem.PYPI, Ecosystem.NPM, Ecosystem.GO, Ecosystem.MAVEN);
    }

    @Test
    void matchesPypiNamesAsPep503NormalisesThem() {
        assertThat(db.affecting(Ecosystem.PYPI, "FLASK", "2.2.4")).extracting(Advisory::id)
                .containsExactlyInAnyOrder("GHSA-m2qf-hxjv-5gpq", "PYSEC-2023-62");
        assertThat(db.affecting(Ecosystem.PYPI, "flask", "2.2.5")).isEmpty();
        assertThat(db.affecting(Ecosystem.PYPI, "flask", "2.3.1")).hasSize(2);
        assertThat(db.affecting(Ecosystem.PYPI, "flask", "2.3.2")).isEmpty();
    }

    @Test
    void honoursLastAffectedWithPrereleaseOrdering() {
        assertThat(db.affecting(Ecosystem.PYPI, "django", "4.2b1")).hasSize(1);
        assertThat(db.affecting(Ecosystem.PYPI, "django", "4.2rc1")).hasSize(1);
        assertThat(db.affecting(Ecosystem.PYPI, "django", "4.2rc2")).isEmpty();
        assertThat(db.affecting(Ecosystem.PYPI, "django", "4.2")).isEmpty();
        assertThat(db.affecting(Ecosystem.PYPI, "django", "4.1")).isEmpty();
    }

    @Test
    void ignoresAWithdrawnAdvisory() {
        assertThat(db.affecting(Ecosystem.NPM, "express", "4.17.1")).isEmpty();
    }

    @Test
    void evaluatesMavenRangesWithQualifiers() {
        String log4j = "org.apache.logging.log4j:log4j-core";
        assertThat(db.affecting(Ecosystem.MAVEN, log4j, "2.14.1")).hasSize(1);
        assertThat(db.affecting(Ecosystem.MAVEN, log4j, "2.0-beta9")).hasSize(1);
        assertThat(db.affecting(Ecosystem.MAVEN, log4j, "2.0-beta8")).isEmpty();
        assertThat(db.affecting(Ecosystem.MAVEN, log4j, "2.3.1")).isEmpty();
        assertThat(db.affecting(Ecosystem.MAVEN, log4j, "2.12.1")).hasSize(1);
        assertThat(db.affecting(Ecosystem.MAVEN, log4j, "2.12.2")).isEmpty();
        assertThat(db.affecting(Ecosystem.MAVEN, log4j, "2.15.0")).isEmpty();
    }

    @Test
    void evaluatesGoAndNpmSemverRanges() {
        assertThat(db.affecting(Ecosystem.GO, "golang.org/x/net", "v0.6.0")).hasSize(1);
        assertThat(db.affecting(Ecosystem.GO, "golang.org/x/net", "v0.0.0-20220722155237-a158d28d115b")).hasSize(1);
        assertThat(db.affecting(Ecosystem.GO, "golang.org/x/net", "v0.7.0")).isEmpty();
        assertThat(db.affecting(Ecosystem.NPM, "lodash", "4.17.20")).hasSize(1);
        assertThat(db.affecting(Ecosystem.NPM, "lodash", "4.17.21")).isEmpty();
        assertThat(db.affecting(Ecosystem.NPM, "Lodash", "4.17.20")).as("npm names are case-sensitive").isEmpty();
    }

    @Test
    void aVersionTheEcosystemCannotOrderMatchesOnlyAnExplicitList(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("A.json"), """
                {"id": "A", "affected": [{"package": {"ecosystem": "PyPI", "name": "legacy"}, "versions": ["weird-1"],
                  "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.0"}]}]}]}""");
        OsvDatabase odd = new OsvDatabase(dir);

        assertThat(odd.affecting(Ecosystem.PYPI, "legacy", "weird-1")).hasSize(1);
        assertThat(odd.affecting(Ecosystem.PYPI, "legacy", "weird-2")).isEmpty();
    }

    @Test
    void reportsFilesThatAreNotAdvisoriesAndReadsTheRest(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("npm"));
        Files.writeString(dir.resolve("npm/broken.json"), "{\n  \"id\": \"X\",\n  \"affected\": [\n");
        Files.writeString(dir.resolve("npm/other.json"), "{\"hello\": 1}");
        Files.copy(FIXTURE.resolve("npm/GHSA-35jh-r3h4-6jhm.json"), dir.resolve("npm/lodash.json"));
        OsvDatabase partial = new OsvDatabase(dir);

        assertThat(partial.size()).isEqualTo(1);
        assertThat(partial.problems()).hasSize(2);
        assertThat(partial.problems().getFirst()).startsWith("npm/broken.json: cannot parse at 4:");
        assertThat(partial.problems().get(1)).isEqualTo("npm/other.json: not an OSV advisory (no id or affected list)");
    }
}
