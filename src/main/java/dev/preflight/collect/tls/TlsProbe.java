package dev.preflight.collect.tls;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

import dev.preflight.collect.Memo;
import dev.preflight.collect.RequestLog;
import dev.preflight.collect.TrustMaterial;

/**
 * TLS facts of the base URL's host and port, each collected once per run: the handshake a modern
 * client makes (chain, trust, host name, OCSP stapling, ALPN), and whether the server still accepts
 * legacy versions and weak suites, asked with {@link RawClientHello}. The chain is captured before it
 * is judged, so an expired or self-signed certificate is a finding with its details, not just a
 * refused connection. A probe made with a {@link RequestLog} records the handshakes it would make.
 */
public final class TlsProbe {
    public static final List<String> MODERN = List.of("TLSv1.3", "TLSv1.2");
    public static final List<String> LEGACY = List.of("SSLv3", "TLSv1", "TLSv1.1");

    private final String host;
    private final int port;
    private final boolean https;
    private final Duration timeout;
    private final Supplier<TrustMaterial> trust;
    private final RequestLog plan;
    private final Map<String, Memo<Object>> asked = new ConcurrentHashMap<>();

    public TlsProbe(URI base, Duration timeout, TrustMaterial trust, RequestLog plan) {
        String h = base.getHost();
        this.host = h != null && h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
        this.https = "https".equalsIgnoreCase(base.getScheme());
        this.port = base.getPort() != -1 ? base.getPort() : https ? 443 : 80;
        this.timeout = timeout;
        this.trust = trust != null ? () -> trust : TrustMaterial::system;
        this.plan = plan;
    }

    /** Whether the base URL is https: TLS checks of a plain-HTTP URL have nothing to look at. */
    public boolean applicable() {
        return https;
    }

    public String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The handshake a current client makes: TLS 1.3 or 1.2, ALPN h2 and http/1.1, OCSP status requested. */
    public TlsFacts handshake() {
        return once("handshake", () -> {
            if (plan != null) {
                plan.record("TLS handshake with " + address() + " offering TLSv1.3, TLSv1.2 (certificate chain, ALPN, OCSP stapling)");
                return TlsFacts.failed(host, port, "not sent (--plan)");
            }
            return connect(MODERN);
        });
    }

    /**
     * Whether the server completes a handshake at {@code version}: "TLSv1.3" and "TLSv1.2" with the
     * JDK's client, the legacy versions with a raw ClientHello.
     */
    public HelloAnswer offers(String version) {
        return once("offers " + version, () -> {
            if (plan != null) {
                plan.record("TLS ClientHello to " + address() + " offering " + version + " only");
                return new HelloAnswer.NoAnswer("not sent (--plan)");
            }
            if (MODERN.contains(version)) {
                TlsFacts facts = connect(List.of(version));
                return facts.handshook()
                        ? new HelloAnswer.Accepted(facts.protocol(), facts.cipherSuite())
                        : refusedOrSilent(facts.failure());
            }
            int code = switch (version) {
                case "SSLv3" -> RawClientHello.SSL3;
                case "TLSv1" -> RawClientHello.TLS10;
                case "TLSv1.1" -> RawClientHello.TLS11;
                default -> throw new IllegalArgumentException("unknown TLS version " + version);
            };
            HelloAnswer answer = RawClientHello.offer(host, port, serverName(), code,
                    CipherSuites.codes(CipherSuites.LEGACY), timeout);
            // A server that answers a TLS 1.0 hello with a TLS 1.2 ServerHello is broken, but it has not accepted 1.0.
            if (answer instanceof HelloAnswer.Accepted a && !a.version().equals(version)) {
                return new HelloAnswer.Refused("answered with " + a.version());
            }
            return answer;
        });
    }

    /** Whether the server chooses any of {@link CipherSuites#WEAK} when offered nothing else, at TLS 1.2. */
    public HelloAnswer weakSuites() {
        return once("weak suites", () -> {
            if (plan != null) {
                plan.record("TLS ClientHello to " + address() + " offering TLSv1.2 with weak cipher suites only (NULL, anon, EXPORT, RC4, DES, 3DES)");
                return new HelloAnswer.NoAnswer("not sent (--plan)");
            }
            return RawClientHello.offer(host, port, serverName(), RawClientHello.TLS12,
                    CipherSuites.codes(CipherSuites.WEAK), timeout);
        });
    }

    @SuppressWarnings("unchecked")
    private <T> T once(String key, Supplier<T> compute) {
        return (T) asked.computeIfAbsent(key, k -> Memo.of(compute::get)).get();
    }

    private String serverName() {
        return host.contains(":") || host.matches("[0-9.]+") ? null : host;
    }

    private static HelloAnswer refusedOrSilent(String failure) {
        return failure.startsWith("no answer") || failure.startsWith("connection refused")
                ? new HelloAnswer.NoAnswer(failure)
                : new HelloAnswer.Refused(failure);
    }

    private TlsFacts connect(List<String> protocols) {
        Capturing capture = new Capturing();
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[]{capture}, null);
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
                plain.setSoTimeout((int) timeout.toMillis());
                try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, false)) {
                    SSLParameters params = socket.getSSLParameters();
                    params.setProtocols(protocols.toArray(String[]::new));
                    params.setApplicationProtocols(new String[]{"h2", "http/1.1"});
                    if (serverName() != null) {
                        params.setServerNames(List.of(new SNIHostName(serverName())));
                    }
                    socket.setSSLParameters(params);
                    socket.startHandshake();
                    SSLSession session = socket.getSession();
                    boolean stapled = session instanceof ExtendedSSLSession extended
                                      && extended.getStatusResponses().stream().anyMatch(r -> r.length > 0);
                    List<X509Certificate> chain = capture.chain == null ? List.of() : Arrays.asList(capture.chain);
                    String problem = chain.isEmpty() ? "the server sent no certificate" : trustProblem(capture.chain, capture.authType);
                    boolean matches = !chain.isEmpty() && HostnameMatch.matches(chain.getFirst(), host);
                    String alpn = socket.getApplicationProtocol() == null ? "" : socket.getApplicationProtocol();
                    return new TlsFacts(host, port, session.getProtocol(), session.getCipherSuite(), chain, problem,
                            matches, stapled, alpn, null);
                }
            }
        } catch (ConnectException e) {
            return TlsFacts.failed(host, port, "connection refused or unreachable");
        } catch (SocketTimeoutException e) {
            return TlsFacts.failed(host, port, "no answer within " + timeout.toSeconds() + " s");
        } catch (SSLException e) {
            return TlsFacts.failed(host, port, "handshake failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (IOException e) {
            return TlsFacts.failed(host, port, "connection failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's TLS is unavailable", e);
        }
    }

    private String trustProblem(X509Certificate[] chain, String authType) {
        try {
            trust.get().manager().checkServerTrusted(chain, authType == null ? "UNKNOWN" : authType);
            return null;
        } catch (CertificateException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return root.getMessage() == null ? e.getMessage() : root.getMessage();
        }
    }

    /** Accepts any chain, and keeps it: judging it is {@link #trustProblem}'s work, after the handshake. */
    private static final class Capturing extends X509ExtendedTrustManager {
        volatile X509Certificate[] chain;
        volatile String authType;

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            keep(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            keep(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            keep(chain, authType);
        }

        private void keep(X509Certificate[] chain, String authType) {
            this.chain = chain.clone();
            this.authType = authType;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("a client's trust manager");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("a client's trust manager");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a client's trust manager");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
