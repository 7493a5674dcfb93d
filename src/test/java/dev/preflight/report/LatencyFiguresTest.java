package dev.preflight.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.preflight.check.Evidence.LatencyProfile;
import dev.preflight.load.LatencyInterval;
import dev.preflight.load.LatencyPoint;

class LatencyFiguresTest {

    @Test
    void theUsualPercentilesOnOneLine() {
        assertThat(LatencyFigures.percentileLine(SampleLoadRuns.stalled(SampleLoadRuns.TARGET)))
                .isEqualTo("p50 2.10 ms · p90 3.40 ms · p95 4.00 ms · p99 12.50 ms · p99.9 1800 ms · p99.99 2400 ms · max 2500 ms");
    }

    @Test
    void aCurveSampledElsewhereKeepsItsOwnLabels() {
        List<LatencyPoint> halving = List.of(new LatencyPoint(0, 0.8), new LatencyPoint(25, 1), new LatencyPoint(50, 1.5), new LatencyPoint(75, 2), new LatencyPoint(87.5, 3),
                new LatencyPoint(93.75, 4), new LatencyPoint(96.875, 6), new LatencyPoint(99.21875, 9), new LatencyPoint(100, 120));
        assertThat(LatencyFigures.percentileLine(new LatencyProfile(SampleLoadRuns.TARGET, halving, List.of())))
                .isEqualTo("p50 1.50 ms · p93.75 4.00 ms · p96.875 6.00 ms · p99.21875 9.00 ms · max 120 ms");
    }

    @Test
    void aSinglePointAndNoPointAtAll() {
        assertThat(LatencyFigures.percentileLine(new LatencyProfile("t", List.of(new LatencyPoint(99, 7)), List.of()))).isEqualTo("p99 7.00 ms");
        assertThat(LatencyFigures.percentileLine(new LatencyProfile("t", List.of(), List.of()))).isEqualTo("no latency recorded");
        assertThat(LatencyFigures.timelineLine(new LatencyProfile("t", List.of(), List.of()))).isEqualTo("no intervals recorded");
    }

    @Test
    void theStallStandsOutInTheSparkline() {
        assertThat(LatencyFigures.timelineLine(SampleLoadRuns.stalled(SampleLoadRuns.TARGET)))
                .isEqualTo("p95 per 1 s interval ▁▁▁▁▁▁█▁▁▁▁▁▁▁▁ (4.00 ms to 1800 ms, highest at 6 s); 12 errors in 1 interval");
    }

    @Test
    void anIntervalThatAnsweredNothingIsABlank() {
        List<LatencyInterval> timeline = List.of(new LatencyInterval(0, 1, 10, 0, 1, 2, 3, 4), new LatencyInterval(1, 1, 0, 0, 0, 0, 0, 0),
                new LatencyInterval(2, 1, 10, 1, 1, 8, 9, 9));
        assertThat(LatencyFigures.timelineLine(new LatencyProfile("t", List.of(), timeline)))
                .isEqualTo("p95 per 1 s interval ▃ █ (2.00 ms to 8.00 ms, highest at 2 s); 1 error in 1 interval");
        List<LatencyInterval> silent = List.of(new LatencyInterval(0, 0.5, 0, 0, 0, 0, 0, 0), new LatencyInterval(0.5, 2, 0, 0, 0, 0, 0, 0));
        assertThat(LatencyFigures.timelineLine(new LatencyProfile("t", List.of(), silent))).isEqualTo("none of 2 intervals recorded a request");
    }

    @Test
    void aLongRunFoldsIntoSixtyCharactersAndKeepsItsStall() {
        List<LatencyInterval> timeline = new ArrayList<>();
        for (int second = 0; second < 300; second++) {
            timeline.add(new LatencyInterval(second, 1, 50, 0, 1, second == 123 ? 900 : 3, 5, 7));
        }
        String sparkline = LatencyFigures.sparkline(timeline);
        assertThat(sparkline).hasSize(LatencyFigures.SPARKLINE_WIDTH).containsOnlyOnce("█");
        assertThat(sparkline.indexOf('█')).isEqualTo(123 / 5);
    }

    @Test
    void numbersWithoutUselessFractions() {
        assertThat(LatencyFigures.number(1)).isEqualTo("1");
        assertThat(LatencyFigures.number(0.5)).isEqualTo("0.5");
        assertThat(LatencyFigures.number(100 - Math.pow(10, -2))).isEqualTo("99.99");
        assertThat(LatencyFigures.label(99.9)).isEqualTo("p99.9");
        assertThat(LatencyFigures.label(100)).isEqualTo("max");
        assertThat(LatencyFigures.millis(0.4213)).isEqualTo("0.42 ms");
        assertThat(LatencyFigures.millis(1799.6)).isEqualTo("1800 ms");
    }
}
