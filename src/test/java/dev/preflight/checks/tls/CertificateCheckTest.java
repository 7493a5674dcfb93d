package dev.preflight.checks.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.TrustMaterial;
import dev.preflight.collect.tls.TestKeystore;
import dev.preflight.collect.tls.TlsServer;

/** Certificates made by keytool, served by a JDK TLS server on 127.0.0.1. */
class CertificateCheckTest {
    private static final String ITEM = "SSL certificate obtained (Let's Encrypt)";

    @TempDir
    static Path dir;
    static TestKeystore good;

    @BeforeAll
    static void makeKey() {
        good = TestKeystore.make(dir, "good", Map.of());
    }

    private static Outcome check(TestKeystore served, TestKeystore trusted, Map<String, String> params) throws Exception {
        try (TlsServer server = TlsServer.tls(served, List.of("http/1.1"))) {
            return TlsChecks.run(new CertificateCheck(), server.url(),
                    trusted == null ? null : TrustMaterial.withExtraCa(trusted.certificatePem()), ITEM, params);
        }
    }

    private static TestKeystore key(String name, Map<String, String> options) {
        return TestKeystore.make(dir, name, options);
    }

    private static List<String> evidence(Outcome outcome) {
        return outcome.evidence().stream().map(Evidence::describe).toList();
    }

    @Test
    void passesWhenTheCertificateIsTrustedThroughTheExtraCa() throws Exception {
        Outcome outcome = check(good, good, Map.of());

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).startsWith("trusted certificate for 127.0.0.1, valid until ").contains("RSA 2048 bits");
        assertThat(evidence(outcome)).contains("subject: CN=localhost", "issuer: CN=localhost", "key: RSA 2048 bits",
                        "signature algorithm: SHA384withRSA", "chain: 1 certificate, trusted",
                        "OCSP stapling: none (the certificate names no OCSP responder)")
                .anyMatch(e -> e.startsWith("subject alternative names: ") && e.contains("IP:127.0.0.1") && e.contains("DNS:localhost"))
                .anyMatch(e -> e.matches("days until expiry = 36[45] days"));
    }

    @Test
    void failsOnASelfSignedCertificateNobodyTrusts() throws Exception {
        Outcome outcome = check(good, null, Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("the certificate is not trusted (self-signed): ");
        assertThat(outcome.remediation()).contains("--ca-cert");
    }

    @Test
    void failsWhenTheCertificateNamesAnotherHost() throws Exception {
        TestKeystore other = key("other-host", Map.of("-ext", "SAN=dns:app.example.org"));

        Outcome outcome = check(other, other, Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("the certificate does not name 127.0.0.1 (it names DNS:app.example.org)");
    }

    @Test
    void failsOnAnExpiredCertificate() throws Exception {
        TestKeystore expired = key("expired", Map.of("-startdate", "-40d", "-validity", "10"));

        Outcome outcome = check(expired, expired, Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("the certificate expired on ").endsWith("(30 days ago)");
    }

    @Test
    void warnsUnderTheDefaultMarginOf21Days() throws Exception {
        TestKeystore soon = key("soon", Map.of("-validity", "15"));

        Outcome outcome = check(soon, soon, Map.of());

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(outcome.summary()).startsWith("the certificate expires in 14 days (").endsWith("under the default 21 days");
    }

    @Test
    void failsWithinAWeekOfExpiry() throws Exception {
        TestKeystore days = key("days", Map.of("-validity", "5"));

        assertThat(check(days, days, Map.of()).status()).isEqualTo(Status.FAIL);
    }

    @Test
    void failsUnderTheMarginTheItemNames() throws Exception {
        TestKeystore month = key("month", Map.of("-validity", "25"));

        Outcome outcome = check(month, month, Map.of("duration", "30d"));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).endsWith("under the item's 30 days");
        assertThat(check(month, month, Map.of()).status()).as("25 days pass the default margin").isEqualTo(Status.PASS);
    }

    @Test
    void failsOnAWeakKey() throws Exception {
        TestKeystore weak = key("weak", Map.of("-keysize", "1024", "-sigalg", "SHA1withRSA"));

        Outcome outcome = check(weak, weak, Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("the key is weak: RSA 1024 bits");
        // A trust anchor's signature on itself is never verified by clients, so its SHA-1 is not a finding.
        assertThat(evidence(outcome)).contains("signature algorithm: SHA1withRSA");
    }

    @Test
    void passesWithAnEcKeyOnP256() throws Exception {
        TestKeystore ec = key("ec", Map.of("-keyalg", "EC", "-keysize", "256"));

        Outcome outcome = check(ec, ec, Map.of());

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
        assertThat(evidence(outcome)).contains("key: EC 256 bits");
    }

    @Test
    void errorsWhenTheServerNeverAnswers() throws Exception {
        try (TlsServer server = TlsServer.misbehaving(TlsServer.stall())) {
            Outcome outcome = TlsChecks.run(new CertificateCheck(), server.url(), null, ITEM, Map.of());

            assertThat(outcome.status()).isEqualTo(Status.ERROR);
            assertThat(outcome.summary()).isEqualTo("no TLS handshake with 127.0.0.1:" + server.port() + ": no answer within 2 s");
        }
    }

    @Test
    void aPlainHttpUrlIsNotApplicable() throws Exception {
        Outcome outcome = TlsChecks.run(new CertificateCheck(), URI.create("http://127.0.0.1:9"), null, ITEM, Map.of());

        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.isUnverified()).isFalse();
        assertThat(outcome.summary()).startsWith("the URL is not https");
    }
}
