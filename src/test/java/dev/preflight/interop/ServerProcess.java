package dev.preflight.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real server process on a loopback port: started, awaited until it answers HTTP, and stopped
 * with every process it started. A missing program, a server that exits early or one that does not
 * answer within {@link #STARTUP} fails the test with the reason and the server's log; nothing here
 * ever skips. A shutdown hook stops the server if the JVM ends before the test closes it.
 */
final class ServerProcess implements AutoCloseable {
    static final Duration STARTUP = Duration.ofSeconds(20);
    static final String INSTALL_HINT = "bin/install-test-packages installs what the interop tests need";

    private static final Duration STOP = Duration.ofSeconds(5);
    private static final List<Path> SYSTEM_DIRS = List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/sbin"), Path.of("/bin"));

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;
    private final Thread stopOnExit;

    private ServerProcess(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
        this.stopOnExit = new Thread(this::stop);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Starts {@code command} in {@code dir}, its output going to {@code dir/NAME.log}, and waits until
     * {@code http://127.0.0.1:port/} answers with any status.
     */
    static ServerProcess start(String name, List<String> command, Path dir, Map<String, String> env, int port) {
        Path log = dir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return fail(name + " could not be started (" + String.join(" ", command) + "): " + e.getMessage());
        }
        ServerProcess server = new ServerProcess(name, process, log, port);
        try {
            server.awaitAnswer();
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The program's absolute path, from PATH or the system directories, or a test failure that says how to install it. */
    static Path program(String program) {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(s -> !s.isEmpty()).map(Path::of);
        return Stream.concat(onPath, SYSTEM_DIRS.stream())
                .map(d -> d.resolve(program))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseGet(() -> fail(program + " is not installed (not on PATH nor in /usr/sbin, /usr/bin): " + INSTALL_HINT));
    }

    /** An absolute path that must be executable, for the interpreters whose packages the tests depend on. */
    static Path program(Path absolute) {
        if (!Files.isExecutable(absolute)) {
            fail(absolute + " is not installed: " + INSTALL_HINT);
        }
        return absolute;
    }

    /** A port that was free on 127.0.0.1 a moment ago: servers that cannot bind it exit, and the test fails with their log. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a classpath resource under /interop/ into {@code dir}, keeping its file name. */
    static Path copyResource(String resource, Path dir) {
        try (InputStream in = ServerProcess.class.getResourceAsStream("/interop/" + resource)) {
            if (in == null) {
                return fail("test resource interop/" + resource + " is missing");
            }
            Path target = dir.resolve(Path.of(resource).getFileName().toString());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    String log() {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() <= 4_000 ? text : "..." + text.substring(text.length() - 4_000);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** This server and every process it started, while they run. */
    List<ProcessHandle> tree() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        return tree;
    }

    private void awaitAnswer() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(url().resolve("/")).timeout(Duration.ofSeconds(2))
                .header("User-Agent", "interop-startup").build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail(name + " exited with code " + process.exitValue() + " before answering on " + url()
                        + " (a missing package? " + INSTALL_HINT + "). Its log:\n" + log());
            }
            if (answers(client, request)) {
                return;
            }
            sleep(Duration.ofMillis(50));
        }
        fail(name + " did not answer on " + url() + " within " + STARTUP.toSeconds() + " s. Its log:\n" + log());
    }

    private static boolean answers(HttpClient client, HttpRequest request) {
        try {
            client.send(request, HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException notYet) {
            // Refused, or accepted and closed by a server still starting.
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while waiting for the server to answer");
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while waiting for the server to answer");
        }
    }

    /** Asks the whole tree to stop, then kills what is still running after {@link #STOP}. */
    private void stop() {
        List<ProcessHandle> tree = tree();
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : tree) {
            if (!exited(p)) {
                p.destroyForcibly();
                exited(p);
            }
        }
    }

    private static boolean exited(ProcessHandle p) {
        try {
            p.onExit().get(STOP.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it stops the same processes.
        }
    }
}
