package dev.preflight.checks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.preflight.binding.WordParams;
import dev.preflight.check.Params;
import dev.preflight.load.Threshold;

class ItemThresholdsTest {

    @Test
    void itemWordsGiveTheThresholdsAScenarioWouldWrite() {
        assertThat(ItemThresholds.latency(paramsOf("API response time < 200ms (p95)")))
                .contains(new Threshold.Latency(95, Duration.ofMillis(200), false));
        assertThat(ItemThresholds.latency(paramsOf("p99 latency under 1s")))
                .contains(new Threshold.Latency(99, Duration.ofSeconds(1), false));
        assertThat(ItemThresholds.latency(paramsOf("Response times < 300ms")))
                .contains(new Threshold.Latency(Threshold.DEFAULT_PERCENTILE, Duration.ofMillis(300), false));
        assertThat(ItemThresholds.errorRate(paramsOf("Error rate < 0.1%"))).contains(new Threshold.ErrorRate(0.001, false));
        assertThat(ItemThresholds.latency(paramsOf("Backups are encrypted"))).isEmpty();
    }

    private static Params paramsOf(String words) {
        return new Params(WordParams.of(words));
    }
}
