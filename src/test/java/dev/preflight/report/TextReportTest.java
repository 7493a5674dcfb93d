package dev.preflight.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.preflight.check.Evidence.LatencyProfile;

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
    void aLoadRunWithoutFiguresSaysSo() {
        String text = new TextReport(true).render(SampleLoadRuns.report(new LatencyProfile(SampleLoadRuns.TARGET, List.of(), List.of())));
        assertThat(text).contains("\u001b[2mlatency of " + SampleLoadRuns.TARGET + ": no latency recorded\u001b[0m\n")
                .contains("\u001b[2mno intervals recorded\u001b[0m\n");
    }
}
