package dev.preflight.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.preflight.collect.HttpProbe;
import dev.preflight.collect.TrustMaterial;

/**
 * A real nginx serving one {@link HeaderSite} on two loopback ports, plain and TLS, as one foreground
 * process in a temporary directory. The TLS certificate is self-signed by openssl for 127.0.0.1 and
 * trusted by the probe this hands out, as {@code --ca-cert} would trust it.
 */
final class HeadersNginx implements AutoCloseable {
    private final ServerProcess server;
    private final int tlsPort;
    private final Path certificate;

    private HeadersNginx(ServerProcess server, int tlsPort, Path certificate) {
        this.server = server;
        this.tlsPort = tlsPort;
        this.certificate = certificate;
    }

    static HeadersNginx serve(Path dir, HeaderSite site) {
        Path nginx = ServerProcess.program("nginx");
        int plainPort = ServerProcess.freePort();
        int tlsPort = ServerProcess.freePort();
        Path certificate = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        selfSigned(dir, certificate, key);
        try {
            Files.writeString(dir.resolve("nginx.conf"), site.nginxConfig(dir, "127.0.0.1:" + plainPort, "127.0.0.1:" + tlsPort, certificate, key),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // -e: nginx opens its compiled-in error log before it reads the configuration.
        ServerProcess server = ServerProcess.start("nginx-" + site.name(),
                List.of(nginx.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(), "-e", dir.resolve("error.log").toString()),
                dir, Map.of(), plainPort);
        return new HeadersNginx(server, tlsPort, certificate);
    }

    /** A certificate for 127.0.0.1 and localhost, valid for two days, made by openssl as an operator would. */
    static void selfSigned(Path dir, Path certificate, Path key) {
        Path openssl = ServerProcess.program("openssl");
        Path log = dir.resolve("openssl.log");
        try {
            Process p = new ProcessBuilder(openssl.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout", key.toString(), "-out", certificate.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                fail("openssl could not make a certificate: " + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while openssl made a certificate");
        }
    }

    URI https() {
        return URI.create("https://127.0.0.1:" + tlsPort + "/");
    }

    URI http() {
        return server.url().resolve("/");
    }

    /** A probe of this deployment as {@code preflight check --url HTTPS --url HTTP --ca-cert CERT} builds it. */
    HttpProbe probe() {
        try {
            return HttpProbe.forRun(List.of(https(), http()), Duration.ofSeconds(5), TrustMaterial.withExtraCa(certificate), Map.of(),
                    Duration.ofSeconds(10), null, what -> { });
        } catch (Exception e) {
            return fail("cannot trust " + certificate + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
