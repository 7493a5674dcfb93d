package dev.preflight.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;

import dev.preflight.collect.LocalServer;

/**
 * The generator against in-JVM servers of known behaviour on 127.0.0.1. The bounds on measured times
 * are wide on purpose: the machine is shared, and these tests check what is measured, not how fast.
 */
class LoadGeneratorTest {

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.getRequestBody().readAllBytes();
        LocalServer.respond(exchange, status, "text/plain", "ok");
    }

    @Test
    void aFixedDelayShowsInTheMedianUnderBothModels() throws IOException {
        try (LocalServer server = LocalServer.start().route("/slow", exchange -> {
            sleep(10);
            answer(exchange, 200);
        })) {
            URI target = URI.create(server.base() + "/slow");
            LoadResult closed = LoadGenerator.run(LoadSpec.of(target, new LoadModel.Closed(4), 200, Duration.ofSeconds(30)), null);
            assertThat(closed.sent()).isEqualTo(200);
            assertThat(closed.errorCount()).isZero();
            assertThat(closed.stoppedBy()).isEqualTo("the request bound");
            assertThat(closed.percentile(50)).isBetween(Duration.ofMillis(9), Duration.ofMillis(30));
            assertThat(server.hits("/slow")).isEqualTo(200);

            LoadResult open = LoadGenerator.run(LoadSpec.of(target, new LoadModel.Open(50), 1_000, Duration.ofSeconds(2)), null);
            assertThat(open.errorCount()).isZero();
            assertThat(open.sent()).isBetween(90L, 100L);
            assertThat(open.percentile(50)).isBetween(Duration.ofMillis(9), Duration.ofMillis(30));
            assertThat(open.lines()).anySatisfy(l -> assertThat(l).startsWith("latency p50 "));
        }
    }

    @Test
    void aStallEveryFiveSecondsShowsInTheP99OfAnOpenRun() throws IOException {
        long epoch = System.nanoTime();
        try (LocalServer server = LocalServer.start().route("/stalls", exchange -> {
            long intoPeriod = (System.nanoTime() - epoch) / 1_000_000 % 5_000;
            if (intoPeriod >= 1_000 && intoPeriod < 2_000) {
                sleep(2_000 - intoPeriod);
            }
            answer(exchange, 200);
        })) {
            LoadResult r = LoadGenerator.run(LoadSpec.of(URI.create(server.base() + "/stalls"), new LoadModel.Open(40), 1_000,
                    Duration.ofSeconds(3)), null);
            assertThat(r.errorCount()).isZero();
            assertThat(r.percentile(99)).isGreaterThan(Duration.ofMillis(500));
            assertThat(r.percentile(50)).isLessThan(Duration.ofMillis(500));
        }
    }

    @Test
    void errorsAreCountedByKind() throws IOException {
        try (LocalServer server = LocalServer.start()
                .route("/missing", exchange -> answer(exchange, 404))
                .route("/broken", exchange -> answer(exchange, 503))
                .route("/hangs", exchange -> {
                    sleep(3_000);
                    answer(exchange, 200);
                })) {
            LoadResult missing = LoadGenerator.run(LoadSpec.of(URI.create(server.base() + "/missing"), new LoadModel.Closed(2), 10,
                    Duration.ofSeconds(20)), null);
            assertThat(missing.errors()).containsEntry(ErrorKind.STATUS_4XX, 10L);
            assertThat(missing.errorRate()).isEqualTo(1.0);

            LoadResult broken = LoadGenerator.run(LoadSpec.of(URI.create(server.base() + "/broken"), new LoadModel.Closed(2), 10,
                    Duration.ofSeconds(20)), null);
            assertThat(broken.errors()).containsEntry(ErrorKind.STATUS_5XX, 10L);

            LoadResult hangs = LoadGenerator.run(LoadSpec.of(URI.create(server.base() + "/hangs"), new LoadModel.Closed(2), 2,
                    Duration.ofSeconds(20)).withTimeout(Duration.ofMillis(200)), null);
            assertThat(hangs.errors()).containsEntry(ErrorKind.TIMEOUT, 2L);
            assertThat(hangs.lines()).anySatisfy(l -> assertThat(l).contains("timeout 2"));
        }
    }

    @Test
    void refusedConnectionsAndResetsAreCountedByKind() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        LoadResult refused = LoadGenerator.run(LoadSpec.of(URI.create("http://127.0.0.1:" + closedPort + "/"), new LoadModel.Closed(1), 3,
                Duration.ofSeconds(20)), null);
        assertThat(refused.errors()).containsEntry(ErrorKind.CONNECT, 3L);

        try (ServerSocket hangsUp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!hangsUp.isClosed()) {
                    try (Socket s = hangsUp.accept()) {
                        InputStream in = s.getInputStream();
                        in.read(new byte[1024]);
                        s.setSoLinger(true, 0);
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            LoadResult reset = LoadGenerator.run(LoadSpec.of(URI.create("http://127.0.0.1:" + hangsUp.getLocalPort() + "/"),
                    new LoadModel.Closed(1), 3, Duration.ofSeconds(20)), null);
            assertThat(reset.errors()).containsEntry(ErrorKind.RESET, 3L);
        }
    }

    @Test
    void chunkedAndClosingAnswersAreReadToTheirEnd() throws IOException {
        try (LocalServer server = LocalServer.start()
                .route("/chunked", exchange -> {
                    exchange.sendResponseHeaders(200, 0);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write("first part, ".getBytes());
                        out.flush();
                        out.write("second part".getBytes());
                    }
                })) {
            LoadResult r = LoadGenerator.run(LoadSpec.of(URI.create(server.base() + "/chunked"), new LoadModel.Closed(1), 50,
                    Duration.ofSeconds(20)), null);
            assertThat(r.sent()).isEqualTo(50);
            assertThat(r.errorCount()).isZero();
            assertThat(server.hits("/chunked")).isEqualTo(50);
        }
        try (ServerSocket closing = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!closing.isClosed()) {
                    try (Socket s = closing.accept()) {
                        s.getInputStream().read(new byte[1024]);
                        s.getOutputStream().write("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end".getBytes());
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            LoadResult r = LoadGenerator.run(LoadSpec.of(URI.create("http://127.0.0.1:" + closing.getLocalPort() + "/"),
                    new LoadModel.Closed(1), 5, Duration.ofSeconds(20)), null);
            assertThat(r.sent()).isEqualTo(5);
            assertThat(r.errorCount()).isZero();
        }
    }

    @Test
    void theBoundsStopTheRun() throws IOException {
        try (LocalServer server = LocalServer.start().route("/", exchange -> answer(exchange, 200))) {
            URI target = URI.create(server.base() + "/");
            long start = System.nanoTime();
            LoadResult timed = LoadGenerator.run(LoadSpec.of(target, new LoadModel.Closed(2), 100_000_000, Duration.ofMillis(500)), null);
            assertThat(timed.stoppedBy()).isEqualTo("the time bound");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));

            LoadResult counted = LoadGenerator.run(LoadSpec.of(target, new LoadModel.Open(100), 7, Duration.ofSeconds(30)), null);
            assertThat(counted.stoppedBy()).isEqualTo("the request bound");
            assertThat(counted.sent() + counted.unsent()).isEqualTo(7);
        }
    }

    @Test
    void requestsStartedLateByTheGeneratorMarkItSaturated() throws IOException {
        try (LocalServer server = LocalServer.start().route("/", exchange -> answer(exchange, 200))) {
            LoadSpec strict = LoadSpec.of(URI.create(server.base() + "/"), new LoadModel.Open(50), 20, Duration.ofSeconds(5))
                    .withLateAfter(Duration.ZERO, 8);
            LoadResult r = LoadGenerator.run(strict, null);
            assertThat(r.saturated()).isTrue();
            assertThat(r.lines()).anySatisfy(l -> assertThat(l).endsWith("generator saturated"));
        }
    }
}
