package dev.preflight.collect.redis;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.preflight.collect.db.DatabaseUrl;

/**
 * A throwaway redis-server on a free loopback port, started by a test and stopped after it; it keeps
 * nothing on disk. The machine's own Redis (127.0.0.1:6379, no password) is {@link #MACHINE}.
 */
public final class ScratchRedis implements AutoCloseable {
    public static final DatabaseUrl MACHINE = DatabaseUrl.parse("redis://127.0.0.1:6379");

    private final Process process;
    private final Path dir;
    private final int port;

    private ScratchRedis(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Starts redis-server with these extra arguments and waits (at most 10 s) until it answers PING. */
    public static ScratchRedis start(String... arguments) throws IOException, InterruptedException {
        int port = freePort();
        Path dir = Files.createTempDirectory("preflight-redis");
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", dir.toString()));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("redis-server is needed for the redis tests and could not be started: " + e.getMessage(), e);
        }
        ScratchRedis redis = new ScratchRedis(process, dir, port);
        for (int attempt = 0; attempt < 100; attempt++) {
            try (RespClient client = RespClient.connect("127.0.0.1", port, Duration.ofSeconds(1), Duration.ofSeconds(1))) {
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

    /** A URL to this server with this password (null for none). */
    public DatabaseUrl url(String password) {
        return DatabaseUrl.parse("redis://" + (password == null ? "" : ":" + password + "@") + "127.0.0.1:" + port);
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
