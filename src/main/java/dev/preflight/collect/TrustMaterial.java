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
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS trust for probes: the system's CAs plus, for {@code --ca-cert}, the CAs of one PEM file.
 * The HTTP client connects with {@link #context()}; the TLS checks validate a chain they captured
 * themselves with {@link #manager()}, so that an untrusted certificate is a finding with a reason
 * rather than a failed connection. Building the trust store costs a tenth of a second on a cold JVM
 * (the system's CAs are read and indexed), so it happens on a thread of its own while the checklist
 * is read and bound; a PEM file that holds no certificate is still refused at once.
 */
public final class TrustMaterial {
    private record Built(X509TrustManager manager, SSLContext context) {
    }

    private final Memo<Built> built;

    private TrustMaterial(Memo<Built> built) {
        this.built = built;
        Thread.ofVirtual().name("preflight-trust").start(built::get);
    }

    public X509TrustManager manager() {
        return built.get().manager();
    }

    public SSLContext context() {
        return built.get().context();
    }

    /** The system's CAs alone; one per process, built on first use. */
    public static TrustMaterial system() {
        return SystemTrust.INSTANCE;
    }

    private static final class SystemTrust {
        static final TrustMaterial INSTANCE = new TrustMaterial(Memo.of(() -> build(null)));
    }

    public static TrustMaterial withExtraCa(Path pem) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> extra;
        try (InputStream in = Files.newInputStream(pem)) {
            extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (extra.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + pem);
        }
        List<Certificate> cas = List.copyOf(extra);
        return new TrustMaterial(Memo.of(() -> build(cas)));
    }

    /** The system's trust, plus {@code extra} CAs when given. */
    private static Built build(List<Certificate> extra) {
        try {
            if (extra == null) {
                return of(null);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate ca : of(null).manager().getAcceptedIssuers()) {
                store.setCertificateEntry("system-" + n++, ca);
            }
            for (Certificate c : extra) {
                store.setCertificateEntry("extra-" + n++, c);
            }
            return of(store);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK's trust store cannot be built", e);
        }
    }

    private static Built of(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (var tm : factory.getTrustManagers()) {
            if (tm instanceof X509TrustManager x509) {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new javax.net.ssl.TrustManager[]{x509}, null);
                return new Built(x509, context);
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager available");
    }
}
