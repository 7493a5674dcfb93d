package dev.preflight.checks.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void readsRealClientOutput() throws Exception {
        PrometheusText.Result result = PrometheusText.parse(MetricsCheckTest.sample("prometheus_client.txt"));

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
}
