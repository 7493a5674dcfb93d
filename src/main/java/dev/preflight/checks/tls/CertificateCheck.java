package dev.preflight.checks.tls;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.tls.TlsFacts;
import dev.preflight.collect.tls.TlsProbe;

/**
 * The certificate the deployment presents, judged as a browser would and then some: trusted by the
 * system CAs plus {@code --ca-cert}, naming the URL's host, inside its validity with days to spare,
 * with a strong key and signature, and with an OCSP response stapled where the certificate names a
 * responder. The chain is the one captured by {@link TlsProbe#handshake()}, shared with every other
 * TLS check of the run.
 */
@CheckInfo(id = "tls.certificate", title = "The certificate is valid, matches the host and is not about to expire",
        target = TargetKind.URL, severity = Severity.CRITICAL,
        phrases = {"\\bssl/tls\\b", "\\bssl certificates?\\b", "\\btls certificates?\\b", "\\blet'?s encrypt\\b", "\\bhttps access\\b",
                "\\bcertificates? (is )?(valid|expir|chain)"},
        params = {"duration"},
        related = {"testssl:cert_expirationStatus", "sslscan"})
public final class CertificateCheck implements Check {
    /** Let's Encrypt clients renew at 30 days left: under 21, renewal has been failing for over a week. */
    static final Duration DEFAULT_MARGIN = Duration.ofDays(21);
    /** Under the default margin, a week or less left is a failure: the next deploy may land on an expired site. */
    static final Duration CRITICAL_MARGIN = Duration.ofDays(7);

    private record Finding(String problem, String fix) {
    }

    @Override
    public Outcome run(CheckContext context) {
        TlsProbe tls = context.http().tls();
        if (!tls.applicable()) {
            return Outcome.notApplicable("the URL is not https: " + context.http().base() + " presents no certificate");
        }
        TlsFacts facts = tls.handshake();
        if (!facts.handshook()) {
            return Outcome.error("no TLS handshake with " + facts.address() + ": " + facts.failure());
        }
        X509Certificate leaf = facts.leaf();
        if (leaf == null) {
            return Outcome.fail("the server sent no certificate", "Configure the certificate and key of the site.",
                    handshakeNote(facts));
        }
        Instant now = Instant.now();
        Instant notAfter = leaf.getNotAfter().toInstant();
        long daysLeft = Duration.between(now, notAfter).toDays();
        Key key = Key.of(leaf.getPublicKey());
        List<Evidence> evidence = new ArrayList<>(List.of(
                handshakeNote(facts),
                new Evidence.Note("subject: " + leaf.getSubjectX500Principal().getName()),
                new Evidence.Note("issuer: " + leaf.getIssuerX500Principal().getName()),
                new Evidence.Note("subject alternative names: " + (facts.leafNames().isEmpty() ? "none" : String.join(", ", facts.leafNames()))),
                new Evidence.Note("host " + facts.host() + (facts.hostMatches() ? ": named by the certificate" : ": not named by the certificate")),
                new Evidence.Note("not after: " + notAfter),
                new Evidence.Measurement("days until expiry", daysLeft, "days"),
                new Evidence.Note("key: " + key.describe()),
                new Evidence.Note("signature algorithm: " + leaf.getSigAlgName()),
                new Evidence.Note("chain: " + facts.chain().size() + (facts.chain().size() == 1 ? " certificate, " : " certificates, ")
                                  + (facts.trustProblem() == null ? "trusted" : "not trusted: " + facts.trustProblem())),
                new Evidence.Note("OCSP stapling: " + (facts.ocspStapled() ? "a response was stapled"
                        : "none" + facts.leafOcspResponder().map(url -> " (the certificate names the responder " + url + ")")
                        .orElse(" (the certificate names no OCSP responder)")))));

        List<Finding> failures = new ArrayList<>();
        List<Finding> warnings = new ArrayList<>();
        boolean expired = now.isAfter(notAfter);
        if (expired) {
            failures.add(new Finding("the certificate expired on " + notAfter + " (" + -daysLeft + " days ago)", renew()));
        } else if (now.isBefore(leaf.getNotBefore().toInstant())) {
            failures.add(new Finding("the certificate is not valid before " + leaf.getNotBefore().toInstant(),
                    "Check the clock of the machine that issued it, or wait: the certificate is not valid yet."));
        } else {
            expiry(context, daysLeft, notAfter, failures, warnings);
        }
        if (facts.trustProblem() != null && !(expired && mentionsValidity(facts.trustProblem()))) {
            failures.add(untrusted(facts));
        }
        if (!facts.hostMatches()) {
            failures.add(new Finding("the certificate does not name " + facts.host() + " (it names "
                    + (facts.leafNames().isEmpty() ? "no subject alternative name" : String.join(", ", facts.leafNames())) + ")",
                    "Issue the certificate for every name clients use, as subject alternative names "
                            + "(certbot -d example.com -d www.example.com); browsers ignore the common name."));
        }
        if (key.weak()) {
            failures.add(new Finding("the key is weak: " + key.describe(),
                    "Issue a new certificate with an RSA key of 2048 bits or more, or an EC key on P-256 or larger."));
        }
        weakSignatures(facts.chain()).forEach(failures::add);
        if (!facts.ocspStapled() && facts.leafOcspResponder().isPresent()) {
            warnings.add(new Finding("no OCSP response is stapled",
                    "Staple OCSP responses (nginx: ssl_stapling on; ssl_stapling_verify on; with the chain in "
                            + "ssl_trusted_certificate) so clients need not ask the CA on every connection."));
        }

        if (!failures.isEmpty()) {
            return Outcome.fail(summary(failures), fixes(failures), evidence);
        }
        if (!warnings.isEmpty()) {
            return Outcome.warn(summary(warnings), fixes(warnings), evidence);
        }
        return Outcome.pass("trusted certificate for " + facts.host() + ", valid until " + notAfter + " (" + daysLeft + " days), "
                + key.describe() + ", " + leaf.getSigAlgName() + (facts.ocspStapled() ? ", OCSP stapled" : ""), evidence);
    }

    /**
     * An item that names the margin ("does not expire within 30 days") makes it a requirement: fewer days
     * fail. The default margin only warns, unless a week or less is left.
     */
    private static void expiry(CheckContext context, long daysLeft, Instant notAfter, List<Finding> failures, List<Finding> warnings) {
        var asked = context.params().duration(Param.DURATION);
        long margin = asked.orElse(DEFAULT_MARGIN).toDays();
        if (daysLeft >= margin) {
            return;
        }
        Finding finding = new Finding("the certificate expires in " + daysLeft + " days (" + notAfter + "), under the "
                + (asked.isPresent() ? "item's " : "default ") + margin + " days", renew());
        if (asked.isPresent() || daysLeft <= CRITICAL_MARGIN.toDays()) {
            failures.add(finding);
        } else {
            warnings.add(finding);
        }
    }

    private static Finding untrusted(TlsFacts facts) {
        X509Certificate leaf = facts.leaf();
        boolean selfSigned = facts.chain().size() == 1 && leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal());
        return new Finding("the certificate is not trusted" + (selfSigned ? " (self-signed)" : "") + ": " + facts.trustProblem(),
                "Serve a certificate from a public CA (Let's Encrypt) with the full chain (nginx: ssl_certificate fullchain.pem); "
                        + "for a private CA, give its certificate with --ca-cert.");
    }

    /** An expired certificate also fails path validation; saying so twice would hide nothing but add noise. */
    private static boolean mentionsValidity(String trustProblem) {
        String p = trustProblem.toLowerCase(Locale.ROOT);
        return p.contains("notafter") || p.contains("validity") || p.contains("expired");
    }

    /** SHA-1 and MD5 signatures on the leaf or an intermediate; a root's signature on itself is never checked by clients. */
    private static List<Finding> weakSignatures(List<X509Certificate> chain) {
        Set<String> weak = new LinkedHashSet<>();
        for (X509Certificate cert : chain) {
            boolean selfIssued = cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal());
            String algorithm = cert.getSigAlgName().toUpperCase(Locale.ROOT);
            if (!selfIssued && (algorithm.contains("SHA1") || algorithm.contains("MD5") || algorithm.contains("MD2"))) {
                weak.add(cert.getSigAlgName() + " on " + cert.getSubjectX500Principal().getName());
            }
        }
        return weak.stream().map(w -> new Finding("weak signature: " + w,
                "Reissue the certificate (and ask the CA for an intermediate) signed with SHA-256 or stronger.")).toList();
    }

    private static Evidence handshakeNote(TlsFacts facts) {
        return new Evidence.Note("TLS handshake with " + facts.address() + ": " + facts.protocol() + ", " + facts.cipherSuite());
    }

    private static String renew() {
        return "Renew the certificate and make renewal automatic (certbot renew from a timer, with a reload of the server); "
                + "alert when fewer than 21 days are left.";
    }

    private static String summary(List<Finding> findings) {
        return String.join("; ", findings.stream().map(Finding::problem).toList());
    }

    private static String fixes(List<Finding> findings) {
        return String.join(" ", new LinkedHashSet<>(findings.stream().map(Finding::fix).toList()));
    }

    /** The public key's algorithm and size, and whether that is too weak for a certificate today. */
    record Key(String algorithm, int bits, boolean weak) {
        static Key of(PublicKey key) {
            return switch (key) {
                case RSAPublicKey rsa -> new Key("RSA", rsa.getModulus().bitLength(), rsa.getModulus().bitLength() < 2048);
                case ECPublicKey ec -> {
                    int bits = ec.getParams().getCurve().getField().getFieldSize();
                    yield new Key("EC", bits, bits < 256);
                }
                // No browser accepts DSA certificates any more, whatever their size.
                case DSAPublicKey dsa -> new Key("DSA", dsa.getParams().getP().bitLength(), true);
                default -> new Key(key.getAlgorithm(), 0, false);
            };
        }

        String describe() {
            return bits > 0 ? algorithm + " " + bits + " bits" : algorithm;
        }
    }
}
