package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.preflight.check.Catalog;
import dev.preflight.check.CatalogEntry;

class ListChecksCommandTest {

    /** The built checks with the planned entry of the test's own file, as the product shows planned checks. */
    static Catalog withPlannedExample() throws Exception {
        try (InputStream in = ListChecksCommandTest.class.getResourceAsStream("/catalog/planned-example.yaml")) {
            return Catalog.withPlanned(in);
        }
    }

    @Test
    void aPlannedCheckIsListedWithItsIssue() throws Exception {
        List<CatalogEntry> entries = withPlannedExample().entries();

        assertThat(ListChecksCommand.text(entries, false))
                .containsPattern("\\nbackup\\.offsite-copy +backup +host +planned #99 +A copy of the newest backup is kept off the host\\n")
                .containsPattern("\\nbackup\\.retention +backup +host +built +Old backups ")
                .contains(entries.size() + " checks: " + (entries.size() - 1) + " built, 1 planned.");
        JsonNode planned = new ObjectMapper().readTree(ListChecksCommand.json(entries)).get(entries.size() - 1);
        assertThat(planned.get("id").asText()).isEqualTo("backup.offsite-copy");
        assertThat(planned.get("implemented").asBoolean()).isFalse();
        assertThat(planned.get("plannedIn").asText()).isEqualTo("#99");
        assertThat(planned.get("family").asText()).isEqualTo("backup");
        assertThat(planned.get("target").asText()).isEqualTo("host");
        assertThat(planned.get("params").toString()).isEqualTo("[\"location\",\"retention\"]");
    }

    @Test
    void textListsTheChecks() {
        LintCommandTest.Result r = LintCommandTest.run("list-checks");

        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .containsPattern("\\nhttp\\.health +http +url +built +Health endpoint answers\\n")
                .containsPattern("\\nhttp\\.rate-limit +http +url +built +Rate limiting .* \\[--active\\]\\n")
                .containsPattern("\\nload\\.latency +load +url +built +Latency .* \\[--active\\]\\n")
                .containsPattern("\\nbackup\\.restore-drill +backup +db +built +The newest backup .* \\[--active\\]\\n")
                .containsPattern("\\nhost\\.disk +host +host +built +Free disk ")
                .containsPattern("\\nhost\\.firewall +host +host +built +A firewall ")
                .containsPattern("\\nbackup\\.retention +backup +host +built +Old backups ")
                .contains(Catalog.standard().entries().size() + " checks: "
                        + Catalog.standard().entries().stream().filter(CatalogEntry::implemented).count() + " built, ");
    }

    @Test
    void phrasesAreShownOnRequest() {
        assertThat(LintCommandTest.run("list-checks", "--phrases").out()).contains("phrase: fail2ban");
    }

    @Test
    void jsonHoldsTheWholeCatalogWithItsMetadata() throws Exception {
        LintCommandTest.Result r = LintCommandTest.run("list-checks", "--format", "json");

        JsonNode checks = new ObjectMapper().readTree(r.out());
        assertThat(checks).hasSize(Catalog.standard().entries().size());
        List<String> ids = new ArrayList<>();
        checks.forEach(c -> ids.add(c.get("id").asText()));
        assertThat(ids).contains("repo.env-ignored", "repo.secrets", "config.secret-strength", "http.hsts", "tls.certificate",
                "dns.records", "load.latency", "db.pool", "backup.restore-drill", "redis.auth", "host.sshd").doesNotHaveDuplicates();
        JsonNode retention = checks.get(ids.indexOf("backup.retention"));
        assertThat(retention.get("implemented").asBoolean()).isTrue();
        assertThat(retention.has("plannedIn")).isFalse();
        assertThat(retention.get("family").asText()).isEqualTo("backup");
        assertThat(retention.get("params").toString()).isEqualTo("[\"location\",\"retention\"]");
        assertThat(checks.get(ids.indexOf("host.disk")).get("implemented").asBoolean()).isTrue();
        assertThat(checks.get(ids.indexOf("http.health")).get("implemented").asBoolean()).isTrue();
    }

    @Test
    void theCatalogHasAboutSixtyChecksAcrossEveryFamily() {
        assertThat(Catalog.standard().entries()).hasSizeGreaterThanOrEqualTo(60)
                .extracting(e -> e.family()).contains("repo", "config", "http", "tls", "dns", "load", "db", "backup", "redis", "host");
    }
}
