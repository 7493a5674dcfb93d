package dev.preflight.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One real nginx serving a TLS site per {@link Site}, each on its own loopback port, with
 * certificates from a test CA made offline by {@code interop/tls/pki.sh} (openssl ca and openssl
 * ocsp). The bench/tls benchmark uses the same script and the same sites.
 */
final class TlsNginx implements AutoCloseable {
    private static final String MODERN = "ssl_protocols TLSv1.2 TLSv1.3;";
    /** Debian's OpenSSL 3 refuses TLS 1.0 and 1.1 below security level 0, whatever ssl_protocols says. */
    private static final String LEGACY = "ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3; ssl_ciphers DEFAULT:@SECLEVEL=0;";
    /** Debian's OpenSSL 3 has no RC4, DES or 3DES left, but still NULL suites (no encryption) at security level 0. */
    private static final String NULL_SUITES = "ssl_protocols TLSv1.2 TLSv1.3; "
            + "ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-NULL-SHA:NULL-SHA256:@SECLEVEL=0;";

    /** The configurations under test: the good one, and one flaw each. */
    enum Site {
        GOOD("good", MODERN, true, true),
        NO_STAPLING("good", MODERN, true, false),
        EXPIRED("expired", MODERN, true, false),
        SELF_SIGNED("selfsigned", MODERN, true, false),
        WRONG_HOST("wronghost", MODERN, true, false),
        TLS10("good", LEGACY, true, true),
        NULL_CIPHERS("good", NULL_SUITES, true, true),
        HTTP1_ONLY("good", MODERN, false, true);

        final String certificate;
        final String protocols;
        final boolean http2;
        final boolean stapled;

        Site(String certificate, String protocols, boolean http2, boolean stapled) {
            this.certificate = certificate;
            this.protocols = protocols;
            this.http2 = http2;
            this.stapled = stapled;
        }
    }

    private final ServerProcess server;
    private final Map<Site, Integer> ports;
    private final Path pki;

    private TlsNginx(ServerProcess server, Map<Site, Integer> ports, Path pki) {
        this.server = server;
        this.ports = ports;
        this.pki = pki;
    }

    static TlsNginx start(Path dir) {
        Path pki = dir.resolve("pki");
        makePki(dir, pki);
        Map<Site, Integer> ports = new EnumMap<>(Site.class);
        StringBuilder servers = new StringBuilder();
        for (Site site : Site.values()) {
            int port = ServerProcess.freePort();
            ports.put(site, port);
            servers.append(server(site, port, pki));
        }
        try {
            Files.createDirectories(dir.resolve("temp"));
            Files.writeString(dir.resolve("nginx.conf"), config(dir, servers.toString()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path nginx = ServerProcess.program("nginx");
        ServerProcess server = ServerProcess.start("nginx-tls",
                List.of(nginx.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                        "-e", dir.resolve("error.log").toString()),
                dir, Map.of(), ports.get(Site.GOOD));
        return new TlsNginx(server, ports, pki);
    }

    URI url(Site site) {
        return URI.create("https://127.0.0.1:" + ports.get(site));
    }

    /** The test CA, for --ca-cert. */
    Path caCertificate() {
        return pki.resolve("ca.pem");
    }

    private static void makePki(Path dir, Path pki) {
        ServerProcess.program("openssl");
        Path script = ServerProcess.copyResource("tls/pki.sh", dir);
        Path log = dir.resolve("pki.log");
        try {
            Process process = new ProcessBuilder(ServerProcess.program("bash").toString(), script.toString(), pki.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("pki.sh did not finish within 120 s");
            }
            if (process.exitValue() != 0) {
                fail("pki.sh could not make the test certificates:\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while making the test certificates");
        }
    }

    private static String server(Site site, int port, Path pki) {
        String stapling = site.stapled
                ? "ssl_stapling on; ssl_stapling_file %1$s/good.ocsp.der; ssl_trusted_certificate %1$s/ca.pem;".formatted(pki)
                : "";
        return """
                    server {
                        listen 127.0.0.1:%d ssl%s;
                        ssl_certificate %s/%s.pem;
                        ssl_certificate_key %s/%s.key;
                        %s
                        %s
                        location / {
                            return 200 "ok\\n";
                        }
                    }
                """.formatted(port, site.http2 ? " http2" : "", pki, site.certificate, pki, site.certificate, site.protocols, stapling);
    }

    private static String config(Path dir, String servers) {
        return NginxConf.wrap(dir, "    access_log off;\n" + servers);
    }

    @Override
    public void close() {
        server.close();
    }
}
