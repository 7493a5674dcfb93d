package dev.preflight.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.preflight.collect.LocalServer;

class ThresholdTest {

    @Test
    void k6SyntaxIsRead() {
        assertThat(Threshold.parse("p(95)<200ms")).isEqualTo(new Threshold.Latency(95, Duration.ofMillis(200), false));
        assertThat(Threshold.parse("p(99) < 1s")).isEqualTo(new Threshold.Latency(99, Duration.ofSeconds(1), false));
        assertThat(Threshold.parse("p(99.9)<=1.5s")).isEqualTo(new Threshold.Latency(99.9, Duration.ofMillis(1_500), true));
        assertThat(Threshold.parse("p(90)<300")).isEqualTo(new Threshold.Latency(90, Duration.ofMillis(300), false));
        assertThat(Threshold.parse("med<50ms")).isEqualTo(new Threshold.Latency(50, Duration.ofMillis(50), false));
        assertThat(Threshold.parse("max<2s")).isEqualTo(new Threshold.Latency(100, Duration.ofSeconds(2), false));
        assertThat(Threshold.parse("rate<0.01")).isEqualTo(new Threshold.ErrorRate(0.01, false));
        assertThat(Threshold.parse("p(99.9)<=1.5s").text()).isEqualTo("p(99.9)<=1500ms");
        assertThat(Threshold.parse("max<2s").text()).isEqualTo("max<2s");
    }

    @Test
    void anythingElseIsRefusedWithTheFormsThatWork() {
        assertThatThrownBy(() -> Threshold.parse("p95 < 200ms")).hasMessageContaining("p(95)<200ms");
        assertThatThrownBy(() -> Threshold.parse("rate<2")).hasMessageContaining("fraction");
        assertThatThrownBy(() -> Threshold.parse("avg>1s")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachThresholdIsJudgedWithItsMeasuredValue() throws IOException {
        try (LocalServer server = LocalServer.start()
                .route("/", 200, "text/plain", "ok")
                .route("/gone", 410, "text/plain", "gone")) {
            LoadResult fine = LoadGenerator.run(LoadSpec.of(URI.create(server.base() + "/"), new LoadModel.Closed(1), 20,
                    Duration.ofSeconds(20)), null);
            Threshold.Judgement latency = Threshold.parse("p(95)<10s").judge(fine);
            assertThat(latency.met()).isTrue();
            assertThat(latency.line()).startsWith("p(95)<10s: measured ").endsWith(", met");
            assertThat(Threshold.parse("p(50)<0ms").judge(fine).met()).isFalse();
            assertThat(Threshold.parse("rate<0.01").judge(fine).line()).isEqualTo("rate<0.01: measured 0.0000 (0 of 20), met");

            LoadResult failing = LoadGenerator.run(LoadSpec.of(URI.create(server.base() + "/gone"), new LoadModel.Closed(1), 20,
                    Duration.ofSeconds(20)), null);
            assertThat(Threshold.parse("rate<0.01").judge(failing).line()).isEqualTo("rate<0.01: measured 1.0000 (20 of 20), NOT met");
        }
    }

}
