package dev.preflight.collect.redis;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;

import dev.preflight.collect.TrustMaterial;
import dev.preflight.collect.db.DatabaseUrl;
import dev.preflight.collect.tls.PemCertificate;

/**
 * A throwaway redis-server on a free loopback port, started by a test and stopped after it; it keeps
 * nothing on disk. {@link #startTls} makes it speak TLS only, with a self-signed certificate of its
 * own. The machine's own Redis (127.0.0.1:6379, no password) is {@link #MACHINE}.
 */
public final class ScratchRedis implements AutoCloseable {
    public static final DatabaseUrl MACHINE = DatabaseUrl.parse("redis://127.0.0.1:6379");

    private final Process process;
    private final Path dir;
    private final int port;
    private final PemCertificate certificate;

    private ScratchRedis(Process process, Path dir, int port, PemCertificate certificate) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.certificate = certificate;
    }

    /** Starts redis-server with these extra arguments and waits (at most 10 s) until it answers PING. */
    public static ScratchRedis start(String... arguments) throws IOException, InterruptedException {
        return start(false, arguments);
    }

    /** As {@link #start}, but the port speaks TLS only (no plain port), with a fresh self-signed certificate; clients need none. */
    public static ScratchRedis startTls(String... arguments) throws IOException, InterruptedException {
        return start(true, arguments);
    }

    private static ScratchRedis start(boolean tls, String... arguments) throws IOException, InterruptedException {
        int port = freePort();
        Path dir = Files.createTempDirectory("preflight-redis");
        PemCertificate certificate = tls ? PemCertificate.make(dir, "redis") : null;
        List<String> listen = !tls ? List.of("--port", String.valueOf(port))
                : List.of("--port", "0", "--tls-port", String.valueOf(port), "--tls-cert-file", certificate.certificate().toString(),
                        "--tls-key-file", certificate.key().toString(), "--tls-ca-cert-file", certificate.certificate().toString(),
                        "--tls-auth-clients", "no");
        List<String> command = new ArrayList<>(List.of("redis-server"));
        command.addAll(listen);
        command.addAll(List.of("--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", dir.toString()));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("redis-server is needed for the redis tests and could not be started: " + e.getMessage(), e);
        }
        ScratchRedis redis = new ScratchRedis(process, dir, port, certificate);
        SSLContext trust = tls ? redis.trust().context() : null;
        for (int attempt = 0; attempt < 100; attempt++) {
            try (RespClient client = RespClient.connect("127.0.0.1", port, Duration.ofSeconds(1), Duration.ofSeconds(1), trust)) {
                client.call("PING");
                return redis;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(100);
            }
        }
        String log = Files.readString(dir.resolve("redis.log"));
        redis.close();
        throw new IllegalStateException("redis-server on port " + port + " did not answer: " + log);
    }

    public int port() {
        return port;
    }

    /** A URL to this server with this password (null for none): {@code rediss://} when it speaks TLS. */
    public DatabaseUrl url(String password) {
        return DatabaseUrl.parse((certificate == null ? "redis" : "rediss") + "://" + (password == null ? "" : ":" + password + "@")
                                 + "127.0.0.1:" + port);
    }

    /** The server's self-signed certificate (PEM), which is also its CA; null when it speaks plain RESP. */
    public Path certificate() {
        return certificate == null ? null : certificate.certificate();
    }

    /** The trust a client given {@code --ca-cert} with this server's certificate has. */
    public TrustMaterial trust() {
        try {
            return TrustMaterial.withExtraCa(certificate.certificate());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the certificate just made cannot be read: " + e.getMessage(), e);
        }
    }

    /** A loopback port nothing listens on, for a server that is down. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
