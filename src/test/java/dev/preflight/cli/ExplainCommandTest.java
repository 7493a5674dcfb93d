package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExplainCommandTest {

    @Test
    void aPlannedCheckSaysItIsNotBuiltAndWhatItWillBind() {
        LintCommandTest.Result r = LintCommandTest.run("explain", "host.disk");

        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .startsWith("# host.disk: Free disk meets the item's floor and usage is under its alert line\n")
                .contains("Not implemented yet (planned in issue #6)")
                .contains("target: host (the host it runs on)\n")
                .contains("minSize (a minimum size, e.g. 10GB)")
                .contains("binds items matching: \\bdisk (space|usage)");
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
