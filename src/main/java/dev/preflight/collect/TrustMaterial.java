package dev.preflight.collect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS trust for probes: the system's CAs plus, for {@code --ca-cert}, the CAs of one PEM file.
 * The HTTP client connects with {@link #context()}; the TLS checks validate a chain they captured
 * themselves with {@link #manager()}, so that an untrusted certificate is a finding with a reason
 * rather than a failed connection.
 */
public record TrustMaterial(X509TrustManager manager, SSLContext context) {

    public static TrustMaterial system() {
        try {
            return of(null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's default trust store cannot be loaded", e);
        }
    }

    public static TrustMaterial withExtraCa(Path pem) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> extra;
        try (InputStream in = Files.newInputStream(pem)) {
            extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (extra.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + pem);
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        int n = 0;
        for (X509Certificate ca : of(null).manager().getAcceptedIssuers()) {
            store.setCertificateEntry("system-" + n++, ca);
        }
        for (Certificate c : extra) {
            store.setCertificateEntry("extra-" + n++, c);
        }
        return of(store);
    }

    private static TrustMaterial of(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (var tm : factory.getTrustManagers()) {
            if (tm instanceof X509TrustManager x509) {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new javax.net.ssl.TrustManager[]{x509}, null);
                return new TrustMaterial(x509, context);
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager available");
    }
}
