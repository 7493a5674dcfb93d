package dev.preflight.collect.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.preflight.collect.TestCommand;

/**
 * A self-signed certificate and its unencrypted key as PEM files, made by openssl for the servers
 * the tests start (PostgreSQL, MariaDB, redis-server take PEM, not a keystore): RSA 2048,
 * CN=localhost, subject alternative names IP:127.0.0.1 and DNS:localhost, valid 30 days. Being
 * self-signed, the certificate is also its own CA: give it with {@code --ca-cert} to trust it.
 */
public record PemCertificate(Path certificate, Path key) {

    public static PemCertificate make(Path dir, String name) {
        Path certificate = dir.resolve(name + ".pem");
        Path key = dir.resolve(name + ".key");
        TestCommand.run(Duration.ofSeconds(60), dir.resolve(name + ".openssl.log"), List.of("openssl", "req", "-x509",
                "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", certificate.toString(), "-days", "30",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"));
        return new PemCertificate(certificate, key);
    }
}
