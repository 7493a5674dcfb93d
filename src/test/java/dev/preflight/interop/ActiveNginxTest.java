package dev.preflight.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.check.Status;
import dev.preflight.collect.TrustMaterial;
import dev.preflight.interop.ActiveNginx.RateLimit;
import dev.preflight.interop.ActiveNginx.Setup;
import dev.preflight.report.Report;

/**
 * http.rate-limit and http.upload-limit against a real nginx: limit_req on and off, and
 * client_max_body_size set, left at its default and switched off, over plain HTTP and TLS.
 */
class ActiveNginxTest {
    private static final String BIND = ActiveRun.bind("security/rate-limiting-enabled-on-api-endpoints", "http.rate-limit", "/api/items")
                                       + ActiveRun.bind("security/file-upload-limits-1mb-max-size", "http.upload-limit", "/upload");
    private static final long MIB = 1 << 20;
    /** The item's 1 MB, the check's 64 KiB margin and the multipart framing: the most an upload may send. */
    private static final long UPLOAD_BOUND = MIB + 64 * 1024 + 300;

    @TempDir
    Path dir;

    private Report run(Setup setup) throws Exception {
        try (ActiveNginx nginx = ActiveNginx.start(dir.resolve("nginx"), setup)) {
            return ActiveRun.check(dir, nginx.url(), BIND, Map.of(), null);
        }
    }

    private static String evidence(Report.CheckReport c) {
        return String.join("\n", c.evidence().stream().map(Evidence::describe).toList());
    }

    private static long bytesSent(Report.CheckReport c) {
        return c.evidence().stream()
                .flatMap(e -> e instanceof Evidence.Measurement m && m.name().equals("body bytes sent before the answer") ? Stream.of(m) : Stream.<Evidence.Measurement>empty())
                .mapToLong(m -> (long) m.value()).findFirst().orElseThrow();
    }

    @Test
    void limitReqWith429PassesAndClientMaxBodySizeRefusesTheUploadEarly() throws Exception {
        Report report = run(new Setup(RateLimit.ON_429, "1m", false));

        Report.CheckReport rate = ActiveRun.result(report, ActiveRun.RATE_LIMIT, "http.rate-limit");
        assertThat(rate.status()).as(rate.summary()).isEqualTo(Status.PASS);
        assertThat(rate.summary()).startsWith("limited at request ").contains("(429; ");
        Report.CheckReport upload = ActiveRun.result(report, ActiveRun.UPLOAD_SIZE, "http.upload-limit");
        assertThat(upload.status()).as(upload.summary()).isEqualTo(Status.PASS);
        assertThat(upload.summary()).contains("refused an upload of 1.1 MiB (over 1MB) with 413");
        // nginx answers on the Content-Length and then reads on (its lingering close), so how much of the
        // body went out first is a matter of timing; that it never exceeds the body is not.
        assertThat(bytesSent(upload)).isLessThanOrEqualTo(UPLOAD_BOUND);
    }

    @Test
    void noLimitReqFailsAndAnUnlimitedBodySizeAcceptsTheUpload() throws Exception {
        Report report = run(new Setup(RateLimit.OFF, "0", false));

        Report.CheckReport rate = ActiveRun.result(report, ActiveRun.RATE_LIMIT, "http.rate-limit");
        assertThat(rate.status()).as(rate.summary()).isEqualTo(Status.FAIL);
        assertThat(rate.summary()).startsWith("no 429 in a burst of 120 requests in ");
        Report.CheckReport upload = ActiveRun.result(report, ActiveRun.UPLOAD_SIZE, "http.upload-limit");
        assertThat(upload.status()).as(upload.summary()).isEqualTo(Status.FAIL);
        assertThat(upload.summary()).isEqualTo("/upload: accepted an upload of 1.1 MiB (over 1MB) (201, 1.1 MiB of 1.1 MiB sent)");
        assertThat(report.verdict()).isEqualTo(Report.Verdict.NO_GO);
    }

    @Test
    void limitReqWithItsDefault503WarnsAndTheDefaultBodySizeOfOneMebibyteRefuses() throws Exception {
        Report report = run(new Setup(RateLimit.ON_DEFAULT_STATUS, null, false));

        Report.CheckReport rate = ActiveRun.result(report, ActiveRun.RATE_LIMIT, "http.rate-limit");
        assertThat(rate.status()).as(rate.summary()).isEqualTo(Status.WARN);
        assertThat(rate.summary()).startsWith("503 without Retry-After at request ");
        assertThat(ActiveRun.result(report, ActiveRun.UPLOAD_SIZE, "http.upload-limit").status()).isEqualTo(Status.PASS);
    }

    @Test
    void theUploadIsRefusedEarlyOverTlsToo() throws Exception {
        try (ActiveNginx nginx = ActiveNginx.start(dir.resolve("nginx"), new Setup(RateLimit.OFF, "1m", true))) {
            TrustMaterial trust = TrustMaterial.withExtraCa(nginx.certificate());
            Report report = ActiveRun.check(dir, nginx.tlsUrl(), ActiveRun.bind("security/file-upload-limits-1mb-max-size", "http.upload-limit", "/upload"),
                    Map.of(), trust);

            Report.CheckReport upload = ActiveRun.result(report, ActiveRun.UPLOAD_SIZE, "http.upload-limit");
            assertThat(upload.status()).as(upload.summary()).isEqualTo(Status.PASS);
            assertThat(evidence(upload)).contains("POST " + nginx.tlsUrl() + "/upload (preflight-oversize.png, 1.1 MiB) -> HTTP 413");
            assertThat(bytesSent(upload)).isLessThanOrEqualTo(UPLOAD_BOUND);
        }
        assertThat(Files.readString(dir.resolve("nginx").resolve("access.log"))).contains("\"POST /upload HTTP/1.1\" 413");
    }
}
