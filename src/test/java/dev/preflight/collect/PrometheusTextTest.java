package dev.preflight.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    /** A real body, as a Flask app's prometheus_client served it (the metrics check's tests use it too). */
    private static String prometheusClient() throws IOException {
        try (InputStream in = PrometheusTextTest.class.getResourceAsStream("/dev/preflight/checks/http/prometheus_client.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsRealClientOutput() throws Exception {
        PrometheusText.Result result = PrometheusText.parse(prometheusClient());

        assertThat(result.valid()).isTrue();
        assertThat(result.samples()).isEqualTo(25);
    }

    @Test
    void acceptsTimestampsSpecialValuesAndEscapedLabels() {
        String body = """
                http_requests_total{method="post",code="200"} 1027 1395066363000
                msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9
                metric_without_timestamp_and_labels 12.47
                something_weird{problem="division by zero"} +Inf -3982045
                temperature_celsius -Inf
                ratio NaN
                """;

        PrometheusText.Result result = PrometheusText.parse(body.replace("\n", "\r\n"));

        assertThat(result.badLine()).isZero();
        assertThat(result.samples()).isEqualTo(6);
    }

    @Test
    void pointsAtTheFirstLineThatIsNotExpositionText() {
        PrometheusText.Result result = PrometheusText.parse("up 1\nrequests{path=/api} 3\n");

        assertThat(result.valid()).isFalse();
        assertThat(result.badLine()).isEqualTo(2);
        assertThat(result.badText()).isEqualTo("requests{path=/api} 3");
    }

    @Test
    void rejectsAMalformedTypeLineAndAMissingValue() {
        assertThat(PrometheusText.parse("# TYPE up thermometer\nup 1\n").badLine()).isEqualTo(1);
        assertThat(PrometheusText.parse("up\n").badLine()).isEqualTo(1);
        assertThat(PrometheusText.parse("up one\n").badLine()).isEqualTo(1);
    }

    @Test
    void keepsEachSamplesNameLabelsAndValue() throws Exception {
        PrometheusText.Result result = PrometheusText.parse(prometheusClient());

        assertThat(result.named("process_resident_memory_bytes")).singleElement()
                .satisfies(s -> assertThat(s.value()).isEqualTo(6.3926272e+07))
                .satisfies(s -> assertThat(s.labels()).isEmpty());
        assertThat(result.named("upscale_requests_total")).extracting(PrometheusText.Sample::labels)
                .containsExactly(Map.of("outcome", "ok", "scale", "4"), Map.of("outcome", "too_large", "scale", "4"));
        assertThat(result.named("no_such_metric")).isEmpty();
    }

    @Test
    void readsSpecialValuesAndUndoesLabelEscapes() {
        PrometheusText.Result result = PrometheusText.parse("""
                path_info{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9
                up +Inf
                down -Inf
                ratio NaN
                """);

        assertThat(result.series().getFirst().labels())
                .containsEntry("path", "C:\\DIR\\FILE.TXT")
                .containsEntry("error", "Cannot find file:\n\"FILE.TXT\"");
        assertThat(result.series()).extracting(PrometheusText.Sample::value)
                .containsExactly(1.458255915e9, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN);
    }

    @Test
    void readsInfAndNaNInAnyCaseAsPrometheusDoesSincePromClientWritesNan() {
        PrometheusText.Result result = PrometheusText.parse("""
                # TYPE nodejs_eventloop_lag_mean_seconds gauge
                nodejs_eventloop_lag_mean_seconds Nan
                up inf
                """);

        assertThat(result.badLine()).isZero();
        assertThat(result.series()).extracting(PrometheusText.Sample::value).containsExactly(Double.NaN, Double.POSITIVE_INFINITY);
    }
}
