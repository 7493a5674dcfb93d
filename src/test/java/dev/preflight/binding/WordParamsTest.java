package dev.preflight.binding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordParamsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', textBlock = """
            Generate strong JWT_SECRET (min 32 characters)                          ; minLength=32 setting=JWT_SECRET
            32+ characters                                                          ; minLength=32
            Strong password (min 16 characters, mixed case + symbols)               ; minLength=16
            Ensure sufficient disk space (10GB+)                                    ; minSize=10GB
            Ensure sufficient disk space (10GB+ recommended)                        ; minSize=10GB
            at least 2GB of free memory                                             ; minSize=2GB
            File upload limits - 10MB max size                                      ; maxSize=10MB
            API response time < 200ms (p95)                                         ; latency=200ms percentile=p95
            p95 < 100ms                                                             ; percentile=p95 latency=100ms
            Response time < 100ms (95th percentile)                                 ; latency=100ms percentile=p95
            ML inference - < 1 second (CPU)                                         ; latency=1s
            Disk usage > 80%                                                        ; percentAbove=80
            Error rate < 0.1%                                                       ; percentBelow=0.1
            99.9% uptime                                                            ; percentAbove=99.9
            Configure backup retention policy (e.g., keep 30 days)                  ; retention=30d
            Set up automated daily backups                                          ; every=1d
            Run the restore drill weekly                                            ; every=7d
            Rotate keys every 6 hours                                               ; every=6h
            Add to cron: 0 2 * * * /path/to/backup.sh                               ; every=1d location=/path/to/backup.sh
            Monitor error rates for 24 hours                                        ; duration=24h
            Wait for DNS propagation (up to 48 hours)                               ; duration=48h
            Configure Gunicorn with 2-4 workers per CPU core                        ; minCount=2 maxCount=4
            FFprobe binary available                                                ; software=ffprobe
            Python 3.10+ installed                                                  ; software=python minVersion=3.10
            Python >= 3.11 on the host                                              ; software=python minVersion=3.11
            TLS 1.2+ only                                                           ; software=tls minVersion=1.2
            Nginx or Apache installed                                               ; software=nginx|apache
            pip and virtualenv installed                                            ; software=pip,virtualenv
            /health/ready - Readiness probe                                         ; path=/health/ready
            Health endpoint - /health with detailed info                            ; path=/health
            API docs - Auto-generated at /docs                                      ; path=/docs
            Newest backup exists in /var/backups/app                                ; location=/var/backups/app
            Clone repository to /var/www/file-to-api/                               ; location=/var/www/file-to-api
            Allow HTTPS (443)                                                       ; port=443
            Allow SSH (22)                                                          ; port=22
            Configure proper file permissions (755 for directories, 644 for files)  ; dirMode=755 fileMode=644
            Configure SECURE_HSTS_SECONDS                                           ; setting=SECURE_HSTS_SECONDS
            Set DEBUG=False                                                         ; setting=DEBUG
            """)
    void liftsEachFormOfTheIssue(String words, String expected) {
        assertThat(WordParams.of(words)).isEqualTo(parse(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            All tests passing - 13/13 tests pass
            Step 1. Deploy the code
            Released on 2024-01-15
            Released on 2024/01/15
            Enable HTTP/2
            TLS 1.2 is offered
            Rate limiting - TODO: Add to nginx/production
            HTTP error codes - Proper 400, 404, 500 responses
            Set up alerting (email/Slack/PagerDuty)
            PRODUCTION_DEPLOYMENT.md - Production setup
            Backup uploaded files (media/uploads/)
            Configure DNS A record → server IP
            Response time > 30 seconds
            """)
    void liftsNothingFromWordsThatOnlyLookLikeParameters(String words) {
        assertThat(WordParams.of(words)).isEmpty();
    }

    @Test
    void aFilesystemPathIsALocationNotAUrlPath() {
        assertThat(WordParams.of("Backups are written to /var/backups")).containsOnlyKeys("location");
        assertThat(WordParams.of("Check /metrics and /var/log/app.log")).containsEntry("path", "/metrics")
                .containsEntry("location", "/var/log/app.log");
    }

    @Test
    void valuesComeOutInCanonicalForm() {
        assertThat(WordParams.of("uploads up to 10mb")).containsEntry("maxSize", "10MB");
        assertThat(WordParams.of("P99 < 250 milliseconds")).containsEntry("percentile", "p99").containsEntry("latency", "250ms");
        assertThat(WordParams.of("keep backups for 3 months")).containsEntry("retention", "90d");
    }

    @Test
    void theFirstOfSeveralValuesOfOneKindWins() {
        assertThat(WordParams.of("Allow HTTP (80) and HTTPS (443)")).containsEntry("port", "80");
    }

    private static Map<String, String> parse(String expected) {
        Map<String, String> out = new LinkedHashMap<>();
        Arrays.stream(expected.trim().split("\\s+")).forEach(kv -> out.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1)));
        return out;
    }
}
