package dev.preflight.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.preflight.check.Evidence.LatencyProfile;
import dev.preflight.check.Status;

class TextReportTest {

    @Test
    void showsALoadRunUnderItsItem() {
        String text = new TextReport(false).render(SampleLoadRuns.report(SampleLoadRuns.stalled(SampleLoadRuns.TARGET)));
        assertThat(text).contains("""
                  FAIL     API response time < 200ms (p95)  :40
                           load.latency: p95 1800 ms > 200 ms
                           latency of %s: p50 2.10 ms · p90 3.40 ms · p95 4.00 ms · p99 12.50 ms · p99.9 1800 ms · p99.99 2400 ms · max 2500 ms
                           p95 per 1 s interval ▁▁▁▁▁▁█▁▁▁▁▁▁▁▁ (4.00 ms to 1800 ms, highest at 6 s); 12 errors in 1 interval
                """.formatted(SampleLoadRuns.TARGET));
    }

    @Test
    void anItemThatTwoChecksFailShowsEachOfThem() {
        Report.CheckReport firewall = new Report.CheckReport("host.firewall", "A firewall is active", Status.FAIL, "no firewall on this host",
                Map.of(), List.of(), "ufw enable", 3);
        Report.CheckReport ports = new Report.CheckReport("host.open-ports", "Only the allowed ports listen", Status.FAIL,
                "1 port outside the allowed list listens on a reachable address of this host: 0.0.0.0:5432 (postgres)", Map.of(), List.of(),
                "bind it to 127.0.0.1", 2);
        Report.CheckReport sshd = new Report.CheckReport("host.sshd", "sshd refuses root login", Status.PASS, "PermitRootLogin no",
                Map.of(), List.of(), null, 1);
        Report.ItemReport item = new Report.ItemReport("deny", 7, "Deny all other incoming", List.of("Server"), null, false, Status.FAIL,
                false, true, null, List.of(sshd, firewall, ports), null, null);

        assertThat(TextReport.details(item)).containsExactly("host.firewall: no firewall on this host",
                "host.open-ports: 1 port outside the allowed list listens on a reachable address of this host: 0.0.0.0:5432 (postgres)");
        Report.ItemReport passing = new Report.ItemReport("ssh", 8, "Disable root SSH login", List.of("Server"), null, false, Status.PASS,
                false, true, null, List.of(sshd, sshd), null, null);
        assertThat(TextReport.details(passing)).containsExactly("host.sshd: PermitRootLogin no");
    }

    @Test
    void aLoadRunWithoutFiguresSaysSo() {
        String text = new TextReport(true).render(SampleLoadRuns.report(new LatencyProfile(SampleLoadRuns.TARGET, List.of(), List.of())));
        assertThat(text).contains("\u001b[2mlatency of " + SampleLoadRuns.TARGET + ": no latency recorded\u001b[0m\n")
                .contains("\u001b[2mno intervals recorded\u001b[0m\n");
    }
}
