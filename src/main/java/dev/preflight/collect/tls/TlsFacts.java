package dev.preflight.collect.tls;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * What one handshake with the deployment showed, or why there was none.
 *
 * @param chain         the certificates as the server sent them, leaf first
 * @param trustProblem  why the chain is not trusted (system CAs plus {@code --ca-cert}), or null when it is
 * @param hostMatches   whether the leaf names the host of the URL (DNS or IP subject alternative names)
 * @param ocspStapled   whether the server stapled an OCSP response to the handshake
 * @param alpn          the application protocol the server chose ("h2", "http/1.1"), or "" when none
 * @param failure       why no handshake happened, or null
 */
public record TlsFacts(String host, int port, String protocol, String cipherSuite, List<X509Certificate> chain,
                       String trustProblem, boolean hostMatches, boolean ocspStapled, String alpn, String failure) {

    public TlsFacts {
        chain = chain == null ? List.of() : List.copyOf(chain);
    }

    static TlsFacts failed(String host, int port, String why) {
        return new TlsFacts(host, port, "", "", List.of(), null, false, false, "", why);
    }

    public boolean handshook() {
        return failure == null;
    }

    public X509Certificate leaf() {
        return chain.isEmpty() ? null : chain.getFirst();
    }

    public String address() {
        return host + ":" + port;
    }

    /** The leaf's DNS and IP subject alternative names ("DNS:app.example.com", "IP:127.0.0.1"), for evidence. */
    public List<String> leafNames() {
        return chain.isEmpty() ? List.of() : HostnameMatch.describe(leaf());
    }

    /** The OCSP responder URL the leaf names, or empty: without one, there is nothing to staple. */
    public Optional<String> leafOcspResponder() {
        return chain.isEmpty() ? Optional.empty() : OcspResponder.of(leaf());
    }
}
