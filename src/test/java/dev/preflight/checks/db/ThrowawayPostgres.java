package dev.preflight.checks.db;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.preflight.collect.TestCommand;
import dev.preflight.collect.db.DatabaseUrl;
import dev.preflight.collect.redis.ScratchRedis;
import dev.preflight.collect.tls.PemCertificate;

/**
 * A PostgreSQL 15 cluster of its own for one test class, in a temporary directory: made by initdb,
 * started by pg_ctl on a free port before the class and stopped (and its directory removed) after
 * it. It is configured as a hardened server would be, with what the shared server of the machine
 * lacks: {@code ssl = on} with a self-signed certificate, and pg_hba.conf with {@code hostssl} lines
 * only, so a login without TLS is refused. It listens on every interface ({@code listen_addresses = '*'}),
 * which db.listen-address must find; the tests only ever connect to 127.0.0.1.
 * PostgreSQL refuses to run as root: when the tests do, the cluster runs as the OS user postgres.
 */
public final class ThrowawayPostgres implements BeforeAllCallback, AfterAllCallback {
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private final String password = "pw-" + UUID.randomUUID();
    private Path dir;
    private int port;
    private PemCertificate certificate;
    private boolean started;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        for (String program : List.of("initdb", "pg_ctl")) {
            if (!Files.isExecutable(BIN.resolve(program))) {
                fail(BIN.resolve(program) + " is missing: these tests start a PostgreSQL 15 cluster of their own (apt-get install postgresql-15)");
            }
        }
        port = ScratchRedis.freePort();
        dir = Files.createTempDirectory("preflight-pg");
        certificate = PemCertificate.make(dir, "server");
        Files.setPosixFilePermissions(certificate.key(), PosixFilePermissions.fromString("rw-------"));
        Path passwordFile = Files.writeString(dir.resolve("password"), password);
        giveToServerUser();
        Path data = dir.resolve("data");
        TestCommand.run(LIMIT, dir.resolve("initdb.log"), asServerUser(BIN.resolve("initdb").toString(), "-D", data.toString(),
                "-U", "postgres", "--pwfile", passwordFile.toString(), "--auth", "scram-sha-256", "--encoding", "UTF8", "--no-instructions"));
        Files.writeString(data.resolve("pg_hba.conf"), """
                hostssl all all 127.0.0.1/32 scram-sha-256
                hostssl all all ::1/128 scram-sha-256
                """);
        Files.writeString(data.resolve("postgresql.conf"), """
                port = %d
                listen_addresses = '*'
                unix_socket_directories = '%s'
                ssl = on
                ssl_cert_file = '%s'
                ssl_key_file = '%s'
                """.formatted(port, dir, certificate.certificate(), certificate.key()), StandardOpenOption.APPEND);
        started = true;
        TestCommand.run(LIMIT, dir.resolve("pg_ctl-start.log"), asServerUser(BIN.resolve("pg_ctl").toString(), "-D", data.toString(),
                "-l", dir.resolve("server.log").toString(), "-w", "-t", String.valueOf(LIMIT.toSeconds()), "start"));
    }

    /** The superuser's URL, asking for TLS and checking the certificate against its own CA (this self-signed certificate). */
    public DatabaseUrl url() {
        return DatabaseUrl.parse("postgresql://postgres:" + password + "@127.0.0.1:" + port + "/postgres?sslmode=verify-full&sslrootcert="
                                 + certificate.certificate());
    }

    public int port() {
        return port;
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (dir == null) {
            return;
        }
        try {
            if (started) {
                TestCommand.run(LIMIT, dir.resolve("pg_ctl-stop.log"), asServerUser(BIN.resolve("pg_ctl").toString(), "-D",
                        dir.resolve("data").toString(), "-m", "immediate", "-w", "-t", String.valueOf(LIMIT.toSeconds()), "stop"));
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asServerUser(String... command) {
        List<String> line = new ArrayList<>(root() ? List.of("runuser", "-u", "postgres", "--") : List.of());
        line.addAll(List.of(command));
        return line;
    }

    private void giveToServerUser() throws IOException {
        if (!root()) {
            return;
        }
        UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        try (var files = Files.walk(dir)) {
            files.forEach(p -> {
                try {
                    Files.setOwner(p, postgres);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
