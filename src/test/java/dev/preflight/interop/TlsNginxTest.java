package dev.preflight.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.load.Scenarios;
import dev.preflight.Preflight;
import dev.preflight.check.Catalog;
import dev.preflight.check.Status;
import dev.preflight.collect.TrustMaterial;
import dev.preflight.config.PreflightConfig;
import dev.preflight.engine.RunOptions;
import dev.preflight.engine.Targets;
import dev.preflight.interop.TlsNginx.Site;
import dev.preflight.report.Report;

/**
 * The TLS checks through the real pipeline ({@code preflight check --url ... --ca-cert ca.pem})
 * against real nginx sites: each check passes on the good site and fails on the site with its flaw.
 */
class TlsNginxTest {
    @TempDir
    static Path dir;
    static TlsNginx nginx;
    static TrustMaterial testCa;

    @BeforeAll
    static void start() throws Exception {
        nginx = TlsNginx.start(dir);
        testCa = TrustMaterial.withExtraCa(nginx.caCertificate());
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
    }

    private static Map<String, Report.CheckReport> check(Site site, TrustMaterial trust) throws Exception {
        Path checklist = ServerProcess.copyResource("tls/checklist.md", dir);
        RunOptions options = new RunOptions(false, RunOptions.DEFAULT_CHECK_TIMEOUT, RunOptions.DEFAULT_RUN_DEADLINE, Map.of(),
                RunOptions.DEFAULT_REQUEST_TIMEOUT, trust, null, null, Scenarios.NONE);
        Report report = new Preflight(Catalog.standard(), PreflightConfig.EMPTY)
                .check(checklist, new Targets(null, List.of(nginx.url(site)), List.of()), options);
        Map<String, Report.CheckReport> byId = new java.util.HashMap<>();
        report.items().forEach(i -> i.checks().forEach(c -> byId.put(c.id(), c)));
        assertThat(byId).containsKeys("tls.certificate", "tls.protocols", "http.http2");
        return byId;
    }

    @Test
    void everyCheckPassesOnTheGoodSite() throws Exception {
        Map<String, Report.CheckReport> checks = check(Site.GOOD, testCa);

        assertThat(checks.get("tls.certificate").status()).as(checks.get("tls.certificate").summary()).isEqualTo(Status.PASS);
        assertThat(checks.get("tls.certificate").summary()).startsWith("trusted certificate for 127.0.0.1").endsWith(", OCSP stapled");
        assertThat(checks.get("tls.protocols").status()).as(checks.get("tls.protocols").summary()).isEqualTo(Status.PASS);
        assertThat(checks.get("tls.protocols").summary())
                .isEqualTo("TLSv1.3, TLSv1.2 offered; SSLv3, TLSv1, TLSv1.1 and weak cipher suites refused");
        assertThat(checks.get("http.http2").status()).isEqualTo(Status.PASS);
    }

    @Test
    void theCertificateFailsWithoutTheTestCa() throws Exception {
        Report.CheckReport certificate = check(Site.GOOD, null).get("tls.certificate");

        assertThat(certificate.status()).isEqualTo(Status.FAIL);
        assertThat(certificate.summary()).startsWith("the certificate is not trusted: ");
    }

    @Test
    void theCertificateWarnsWhenItsResponderIsNamedButNothingIsStapled() throws Exception {
        Report.CheckReport certificate = check(Site.NO_STAPLING, testCa).get("tls.certificate");

        assertThat(certificate.status()).isEqualTo(Status.WARN);
        assertThat(certificate.summary()).isEqualTo("no OCSP response is stapled");
    }

    @Test
    void theCertificateFailsWhenExpired() throws Exception {
        Report.CheckReport certificate = check(Site.EXPIRED, testCa).get("tls.certificate");

        assertThat(certificate.status()).isEqualTo(Status.FAIL);
        assertThat(certificate.summary()).startsWith("the certificate expired on 2024-02-01T00:00:00Z (");
    }

    @Test
    void theCertificateFailsWhenSelfSigned() throws Exception {
        Report.CheckReport certificate = check(Site.SELF_SIGNED, testCa).get("tls.certificate");

        assertThat(certificate.status()).isEqualTo(Status.FAIL);
        assertThat(certificate.summary()).startsWith("the certificate is not trusted (self-signed): ");
    }

    @Test
    void theCertificateFailsForAnotherHost() throws Exception {
        Report.CheckReport certificate = check(Site.WRONG_HOST, testCa).get("tls.certificate");

        assertThat(certificate.status()).isEqualTo(Status.FAIL);
        assertThat(certificate.summary()).isEqualTo("the certificate does not name 127.0.0.1 (it names DNS:wrong.example)");
    }

    @Test
    void theProtocolsFailWhenTls10IsEnabled() throws Exception {
        Map<String, Report.CheckReport> checks = check(Site.TLS10, testCa);

        assertThat(checks.get("tls.protocols").status()).isEqualTo(Status.FAIL);
        assertThat(checks.get("tls.protocols").summary()).isEqualTo("accepts TLSv1, TLSv1.1 (the floor is TLSv1.2)");
        assertThat(checks.get("tls.certificate").status()).isEqualTo(Status.PASS);
    }

    @Test
    void theProtocolsFailWhenANullSuiteIsAccepted() throws Exception {
        Report.CheckReport protocols = check(Site.NULL_CIPHERS, testCa).get("tls.protocols");

        assertThat(protocols.status()).isEqualTo(Status.FAIL);
        // OpenSSL picks by the client's order of preference, which is the probe's table order.
        assertThat(protocols.summary()).matches("chooses the weak suite TLS_\\w*_NULL_\\w* when offered only weak ones");
    }

    @Test
    void http2FailsWhenTheListenerLacksIt() throws Exception {
        Report.CheckReport http2 = check(Site.HTTP1_ONLY, testCa).get("http.http2");

        assertThat(http2.status()).isEqualTo(Status.FAIL);
        assertThat(http2.summary()).isEqualTo("the server chose http/1.1 by ALPN over h2: HTTP/2 is not offered");
    }

    @Test
    void thePlainHttpAddressOfASiteIsNotApplicable() throws Exception {
        URI plain = URI.create(nginx.url(Site.GOOD).toString().replace("https:", "http:"));
        Path checklist = ServerProcess.copyResource("tls/checklist.md", dir);
        Report report = new Preflight(Catalog.standard(), PreflightConfig.EMPTY)
                .check(checklist, new Targets(null, List.of(plain), List.of()), RunOptions.defaults());

        assertThat(report.items()).flatExtracting(Report.ItemReport::checks).extracting(Report.CheckReport::status)
                .containsOnly(Status.SKIP);
    }
}
