package dev.preflight.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx in front of an application, configured the ways the active checks meet it: an API
 * location with {@code limit_req} or without, answering 429 or nginx's default 503; an upload
 * location with {@code client_max_body_size} set, left at nginx's default (1 MiB) or switched off
 * ({@code 0}); plain HTTP, and optionally TLS with a certificate for 127.0.0.1 made by openssl.
 * The application is a second server block of the same nginx, reached through {@code proxy_pass},
 * so nginx buffers request bodies and applies its limits as it does in front of a real app
 * ({@code return} in a location would answer before {@code limit_req} runs).
 */
final class ActiveNginx implements AutoCloseable {

    enum RateLimit { OFF, ON_429, ON_DEFAULT_STATUS }

    /**
     * @param bodySize {@code client_max_body_size}'s value, or null to leave nginx's default
     * @param tls      also listen with TLS on a port of its own
     */
    record Setup(RateLimit rateLimit, String bodySize, boolean tls) {
    }

    private final ServerProcess server;
    private final int tlsPort;
    private final Path certificate;

    private ActiveNginx(ServerProcess server, int tlsPort, Path certificate) {
        this.server = server;
        this.tlsPort = tlsPort;
        this.certificate = certificate;
    }

    static ActiveNginx start(Path dir, Setup setup) {
        Path nginx = ServerProcess.program("nginx");
        int port = ServerProcess.freePort();
        int app = ServerProcess.freePort();
        int tlsPort = setup.tls() ? ServerProcess.freePort() : 0;
        Path certificate;
        try {
            Files.createDirectories(dir.resolve("temp"));
            certificate = setup.tls() ? certificate(dir) : null;
            Files.writeString(dir.resolve("nginx.conf"), config(dir, setup, port, app, tlsPort), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServerProcess server = ServerProcess.start("nginx-active",
                List.of(nginx.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                        "-e", dir.resolve("error.log").toString()),
                dir, Map.of(), port);
        return new ActiveNginx(server, tlsPort, certificate);
    }

    private static String config(Path dir, Setup setup, int port, int app, int tlsPort) {
        String tls = setup.tls() ? """
                        listen 127.0.0.1:%d ssl;
                        ssl_certificate %s;
                        ssl_certificate_key %s;
                """.formatted(tlsPort, dir.resolve("cert.pem"), dir.resolve("key.pem")) : "";
        String limit = setup.rateLimit() == RateLimit.OFF ? "" : "limit_req zone=api burst=10 nodelay;";
        String status = setup.rateLimit() == RateLimit.ON_429 ? "limit_req_status 429;" : "";
        String bodySize = setup.bodySize() == null ? "" : "client_max_body_size " + setup.bodySize() + ";";
        return NginxConf.wrap(dir, """
                    access_log %1$s/access.log;
                    limit_req_zone $binary_remote_addr zone=api:1m rate=5r/s;
                    %5$s

                    server {
                        listen 127.0.0.1:%3$d;
                        client_max_body_size 0;
                        default_type application/json;
                        location /api/ {
                            return 200 '{"items":[]}';
                        }
                        location /upload {
                            return 201 '{"stored":true}';
                        }
                    }

                    server {
                        listen 127.0.0.1:%2$d;
                %7$s
                        %6$s
                        location = / {
                            default_type text/plain;
                            return 200 "ok";
                        }
                        location /api/ {
                            %4$s
                            proxy_pass http://127.0.0.1:%3$d;
                        }
                        location /upload {
                            proxy_pass http://127.0.0.1:%3$d;
                        }
                        location / {
                            return 404;
                        }
                    }
                """.formatted(dir, port, app, limit, status, bodySize, tls));
    }

    /** A self-signed certificate for 127.0.0.1 (an IP SAN, so host name checks pass), which the test then trusts with --ca-cert. */
    private static Path certificate(Path dir) {
        Path openssl = ServerProcess.program("openssl");
        Path cert = dir.resolve("cert.pem");
        try {
            Process process = new ProcessBuilder(openssl.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", dir.resolve("key.pem").toString(), "-out", cert.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("openssl could not make a certificate: " + Files.readString(dir.resolve("openssl.log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while openssl made a certificate", e);
        }
        return cert;
    }

    URI url() {
        return server.url();
    }

    /** The TLS address; only with {@link Setup#tls()}. */
    URI tlsUrl() {
        return URI.create("https://127.0.0.1:" + tlsPort);
    }

    /** The certificate the TLS address serves, to trust as --ca-cert does. */
    Path certificate() {
        return certificate;
    }

    @Override
    public void close() {
        server.close();
    }
}
