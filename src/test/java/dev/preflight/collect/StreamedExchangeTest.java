package dev.preflight.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * {@link HttpProbe#upload}: the body is written while the answer is read, and writing stops at the
 * first answer. Each server here is a plain socket, so the test controls exactly when it answers and
 * how much it reads.
 */
class StreamedExchangeTest {
    private static final int MIB = 1 << 20;

    /** A server for one connection: reads the request head, then does what {@code then} says. */
    private interface Exchange {
        void then(InputStream in, OutputStream out, String head) throws IOException;
    }

    private static final class OneShot implements AutoCloseable {
        final ServerSocket server;
        final CompletableFuture<String> head = new CompletableFuture<>();

        OneShot(Exchange exchange) throws IOException {
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                try (Socket s = server.accept()) {
                    String h = readHead(s.getInputStream());
                    head.complete(h);
                    exchange.then(s.getInputStream(), s.getOutputStream(), h);
                } catch (IOException e) {
                    head.completeExceptionally(e);
                }
            });
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private static HttpProbe probe(URI base, Map<String, String> headers, Duration timeout) {
        return new HttpProbe(base, HttpProbe.client(Duration.ofSeconds(5), null), headers, timeout);
    }

    private static HttpRequest.BodyPublisher zeros(long n) {
        byte[] chunk = new byte[64 * 1024];
        long whole = n / chunk.length;
        return HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofByteArrays(() -> Stream.generate(() -> chunk).limit(whole).iterator()), whole * chunk.length);
    }

    @Test
    void stopsWritingAtAnEarlyAnswerAndReportsHowMuchWentOut() throws Exception {
        // The server answers on the headers and reads nothing more: the body can only go out as far
        // as the socket buffers take it, and the writer must stop rather than wait for them.
        try (OneShot server = new OneShot((in, out, head) -> {
            out.write("HTTP/1.1 413 Content Too Large\r\nContent-Type: text/plain\r\nContent-Length: 9\r\nConnection: close\r\n\r\ntoo large"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try {
                Thread.sleep(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })) {
            long length = 256L * MIB;
            Upload upload = probe(server.url(), Map.of("X-Api-Key", "k-123456789"), Duration.ofSeconds(20))
                    .upload(ProbeRequest.of("POST", "/upload").header("Content-Type", "application/octet-stream").body(zeros(length), "zeros"));

            assertThat(upload.answer().failure()).isNull();
            assertThat(upload.answer().status()).isEqualTo(413);
            assertThat(upload.answer().body()).isEqualTo("too large");
            assertThat(upload.length()).isEqualTo(length);
            assertThat(upload.sent()).isLessThan(length);
            assertThat(upload.answeredEarly()).isTrue();
            assertThat(server.head.get()).startsWith("POST /upload HTTP/1.1\r\n")
                    .contains("\r\nHost: 127.0.0.1:" + server.server.getLocalPort() + "\r\n")
                    .contains("\r\nContent-Length: " + length + "\r\n")
                    .contains("\r\nX-Api-Key: k-123456789\r\n")
                    .contains("\r\nUser-Agent: " + HttpProbe.USER_AGENT + "\r\n");
        }
    }

    @Test
    void readsAChunkedAnswerThatComesAfterTheWholeBody() throws Exception {
        try (OneShot server = new OneShot((in, out, head) -> {
            long n = in.readNBytes(3 * MIB).length;
            String first = "{\"read\":";
            String second = n + "}";
            out.write(("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                       + Integer.toHexString(first.length()) + "\r\n" + first + "\r\n"
                       + Integer.toHexString(second.length()) + "; ext=1\r\n" + second + "\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        })) {
            Upload upload = probe(server.url(), Map.of(), Duration.ofSeconds(20))
                    .upload(ProbeRequest.of("PUT", "/files/a?x=1").body(zeros(3L * MIB), "zeros"));

            assertThat(upload.answer().status()).isEqualTo(200);
            assertThat(upload.answer().body()).isEqualTo("{\"read\":" + 3 * MIB + "}");
            assertThat(upload.sent()).isEqualTo(3L * MIB);
            assertThat(upload.answeredEarly()).isFalse();
            assertThat(server.head.get()).startsWith("PUT /files/a?x=1 HTTP/1.1\r\n");
        }
    }

    @Test
    void aServerThatNeverAnswersEndsAtTheDeadlineWithTheBytesSent() throws Exception {
        try (OneShot server = new OneShot((in, out, head) -> in.transferTo(OutputStream.nullOutputStream()))) {
            Upload upload = probe(server.url(), Map.of(), Duration.ofSeconds(1))
                    .upload(ProbeRequest.of("POST", "/upload").body(zeros(MIB), "zeros"));

            assertThat(upload.answer().answered()).isFalse();
            assertThat(upload.answer().failure()).isEqualTo("no answer within 1 s (" + MIB + " of " + MIB + " body bytes sent)");
        }
    }

    @Test
    void aResetBeforeAnyAnswerIsAFailureThatSaysSo() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start(MisbehavingServer.Behaviour.RESET, false)) {
            Upload upload = probe(server.url(), Map.of(), Duration.ofSeconds(5))
                    .upload(ProbeRequest.of("POST", "/upload").body(zeros(16L * MIB), "zeros"));

            assertThat(upload.answer().answered()).isFalse();
            assertThat(upload.answer().failure()).containsAnyOf("the server closed the connection without an answer", "request failed: ")
                    .contains(" of " + 16 * MIB + " body bytes sent");
        }
    }

    @Test
    void sendsNothingForHostsNotGivenAndRecordsThePlan() {
        RequestLog plan = new RequestLog();
        HttpProbe planning = HttpProbe.forRun(List.of(URI.create("http://127.0.0.1:9")), Duration.ofSeconds(1), null, Map.of(),
                Duration.ofSeconds(1), plan, what -> { });

        Upload elsewhere = planning.upload(ProbeRequest.of("POST", "http://example.com/upload").body(zeros(MIB), "1 MiB of zeros"));
        Upload planned = planning.upload(ProbeRequest.of("POST", "/upload").body(zeros(MIB), "1 MiB of zeros"));

        assertThat(elsewhere.answer().failure()).isEqualTo("not sent: example.com is not among the hosts given with --url");
        assertThat(planned.answer().failure()).isEqualTo("not sent (--plan)");
        assertThat(plan.lines()).containsExactly("POST http://127.0.0.1:9/upload with 1 MiB of zeros (Content-Length " + MIB
                                                 + "; writing stops at the server's first answer)");
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.write(c);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
