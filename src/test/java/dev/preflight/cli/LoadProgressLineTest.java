package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.preflight.load.LoadProgress;

/** The load progress line of {@code load} and {@code check}, fed the progress a run of 30 s tells, second by second. */
class LoadProgressLineTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void onATerminalTheLineIsRedrawnEachSecondAndClearedWhenTheRunEnds() {
        LoadProgressLine line = new LoadProgressLine("api", new PrintStream(err, true, StandardCharsets.UTF_8), true);
        line.accept(second(1));
        assertThat(text()).isEqualTo("\r\u001b[2K[api] 1/30 s, 50 req/s, 50 sent, p95 12.00 ms, 0 errors (0.00%)");
        line.accept(second(2));
        line.accept(end(30));
        assertThat(text()).isEqualTo("\r\u001b[2K[api] 1/30 s, 50 req/s, 50 sent, p95 12.00 ms, 0 errors (0.00%)"
                                     + "\r\u001b[2K[api] 2/30 s, 50 req/s, 100 sent, p95 12.00 ms, 0 errors (0.00%)"
                                     + "\r\u001b[2K");
    }

    @Test
    void elsewhereALineIsPrintedEveryTenSecondsOfTheRunAndOneAsItEnds() {
        LoadProgressLine line = new LoadProgressLine("api", new PrintStream(err, true, StandardCharsets.UTF_8), false);
        for (int s = 1; s <= 25; s++) {
            line.accept(second(s));
        }
        line.accept(end(26));
        assertThat(text().lines()).containsExactly(
                "preflight: [api] 10/30 s, 50 req/s, 500 sent, p95 12.00 ms, 0 errors (0.00%)",
                "preflight: [api] 20/30 s, 50 req/s, 1000 sent, p95 12.00 ms, 0 errors (0.00%)",
                "preflight: [api] ended at 26/30 s, 1300 sent, p95 12.00 ms, 2 errors (0.15%)");
    }

    @Test
    void theWarmUpIsSaid() {
        assertThat(new LoadProgress(Duration.ofSeconds(3), Duration.ofSeconds(30), true, 0, 0, 50, Duration.ZERO).line())
                .isEqualTo("warming up, 3/30 s, 50 req/s, 0 sent, p95 0.00 ms, 0 errors (0.00%)");
    }

    private static LoadProgress second(int s) {
        return new LoadProgress(Duration.ofSeconds(s), Duration.ofSeconds(30), false, 50L * s, 0, 50, Duration.ofMillis(12));
    }

    private static LoadProgress end(int s) {
        return new LoadProgress(Duration.ofSeconds(s), Duration.ofSeconds(30), false, 50L * s, 2, 3, Duration.ofMillis(12), true);
    }

    private String text() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
