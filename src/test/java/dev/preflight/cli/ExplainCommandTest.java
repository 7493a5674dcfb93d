package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.preflight.check.CatalogEntry;

class ExplainCommandTest {

    @Test
    void aPlannedCheckSaysItIsNotBuiltAndWhatItWillBind() throws Exception {
        CatalogEntry planned = ListChecksCommandTest.withPlannedExample().find("backup.offsite-copy").orElseThrow();

        assertThat(ExplainCommand.explain(planned))
                .startsWith("# backup.offsite-copy: A copy of the newest backup is kept off the host\n")
                .contains("Not implemented yet (planned in issue #99)")
                .contains("target: host (--host or --host-root)\n")
                .contains("severity: MEDIUM\n")
                .contains("retention (how long something is kept, e.g. 30d)")
                .contains("binds items matching: \\boff-?site (backup|cop)")
                .contains("related: restic:copy");
    }

    @Test
    void aBuiltCheckPrintsItsDocumentation() {
        LintCommandTest.Result r = LintCommandTest.run("explain", "backup.retention");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("# backup.retention: Old backups are pruned as the retention says\n")
                .doesNotContain("Not implemented yet").contains("target: host (--host or --host-root)\n");
    }

    @Test
    void anActiveCheckSaysItNeedsActive() {
        assertThat(LintCommandTest.run("explain", "http.rate-limit").out()).contains("active: yes (runs only with --active)");
    }

    @Test
    void anUnknownCheckExitsTwoAndPointsAtTheList() {
        LintCommandTest.Result r = LintCommandTest.run("explain", "http.nope");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no check 'http.nope' (see 'preflight list-checks')");
        assertThat(r.out()).isEmpty();
    }
}
