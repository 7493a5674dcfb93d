package dev.preflight.checks.db;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.preflight.collect.TestCommand;
import dev.preflight.collect.db.DatabaseUrl;
import dev.preflight.collect.redis.ScratchRedis;
import dev.preflight.collect.tls.PemCertificate;

/**
 * A MariaDB server of its own for one test class, in a temporary directory: made by
 * mariadb-install-db, started as mariadbd on a free port before the class and stopped (and its
 * directory removed) after it. Unlike the machine's shared server it has a self-signed certificate
 * and {@code require_secure_transport = ON}, so a login without TLS is refused, and it binds every
 * interface ({@code bind_address = 0.0.0.0}), which db.listen-address must find; the tests only
 * ever connect to 127.0.0.1. It runs as the OS user mysql (root is refused by mariadbd without --user).
 */
public final class ThrowawayMariaDb implements BeforeAllCallback, AfterAllCallback {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private Path dir;
    private int port;
    private PemCertificate certificate;
    private Process server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        port = ScratchRedis.freePort();
        dir = Files.createTempDirectory("preflight-mariadb");
        certificate = PemCertificate.make(dir, "server");
        giveToServerUser();
        Path data = dir.resolve("data");
        TestCommand.run(LIMIT, dir.resolve("install.log"), List.of("mariadb-install-db", "--no-defaults", "--datadir=" + data,
                "--auth-root-authentication-method=normal", "--user=mysql", "--skip-test-db"));
        List<String> command = List.of("mariadbd", "--no-defaults", "--datadir=" + data, "--socket=" + dir.resolve("mariadb.sock"),
                "--pid-file=" + dir.resolve("mariadb.pid"), "--port=" + port, "--bind-address=0.0.0.0", "--user=mysql",
                "--ssl-cert=" + certificate.certificate(), "--ssl-key=" + certificate.key(), "--require-secure-transport=ON",
                "--skip-log-bin", "--log-error=" + dir.resolve("server.log"));
        try {
            server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("mariadbd.out").toFile()).start();
        } catch (IOException e) {
            fail("mariadbd is needed by these tests and could not start: " + e.getMessage());
        }
        awaitLogin();
    }

    /** Root's URL (no password), asking for TLS and checking the certificate against its own CA (this self-signed certificate). */
    public DatabaseUrl url() {
        return DatabaseUrl.parse("mysql://root@127.0.0.1:" + port + "/mysql?sslMode=verify-full&serverSslCert=" + certificate.certificate());
    }

    public int port() {
        return port;
    }

    private void awaitLogin() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(LIMIT);
        SQLException last = null;
        while (Instant.now().isBefore(deadline) && server.isAlive()) {
            try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/mysql?user=root&sslMode=trust&connectTimeout=1000")) {
                return;
            } catch (SQLException notYet) {
                last = notYet;
                Thread.sleep(200);
            }
        }
        String log = Files.exists(dir.resolve("server.log")) ? Files.readString(dir.resolve("server.log")) : "(no log)";
        fail("mariadbd on port " + port + " took no login within " + LIMIT.toSeconds() + " s (" + (last == null ? "it exited" : last.getMessage())
             + "):\n" + log);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException, InterruptedException {
        if (dir == null) {
            return;
        }
        try {
            if (server != null) {
                server.destroy();
                if (!server.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                    server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void giveToServerUser() throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        UserPrincipal mysql = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("mysql");
        try (var files = Files.walk(dir)) {
            files.forEach(p -> {
                try {
                    Files.setOwner(p, mysql);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
