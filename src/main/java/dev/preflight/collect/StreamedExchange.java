package dev.preflight.collect;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 request over a connection of its own, its body written on one thread while the answer
 * is read on another. The JDK's HTTP client writes the whole body before it reads the status: against
 * nginx with {@code client_max_body_size 1m} it sent all of a 200 MiB body after nginx had answered
 * 413 to the headers. Here writing stops at the first final answer, so a refused upload costs only
 * what was written before the answer came back. The whole exchange (connect, TLS handshake, body, answer)
 * has one deadline, at which the connection is closed; the answer's body is capped like
 * {@link HttpProbe}'s.
 */
final class StreamedExchange {
    private static final int SLICE = 64 * 1024;
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    /** Framing is this class's to write: a --header of these names would corrupt it. */
    private static final Set<String> FRAMING = Set.of("host", "content-length", "transfer-encoding", "connection", "expect");

    private final String method;
    private final URI uri;
    private final long length;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicBoolean answered = new AtomicBoolean();
    private final AtomicBoolean deadlinePassed = new AtomicBoolean();
    private final AtomicReference<IOException> writeFailure = new AtomicReference<>();

    private StreamedExchange(String method, URI uri, long length) {
        this.method = method;
        this.uri = uri;
        this.length = length;
    }

    static Upload send(String method, URI uri, Map<String, String> headers, HttpRequest.BodyPublisher body,
                       SSLContext ssl, Duration connectTimeout, Duration timeout) {
        long length = body == null ? 0 : body.contentLength();
        return new StreamedExchange(method, uri, length).run(headers, body, ssl, connectTimeout, timeout);
    }

    private Upload run(Map<String, String> headers, HttpRequest.BodyPublisher body, SSLContext ssl,
                       Duration connectTimeout, Duration timeout) {
        byte[] head;
        try {
            head = head(headers);
        } catch (IllegalArgumentException e) {
            return new Upload(HttpProbe.failed(method, uri.toString(), 0, "not sent: " + e.getMessage()), 0, length);
        }
        long start = System.nanoTime();
        Socket raw = new Socket();
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                TimeUnit.NANOSECONDS.sleep(timeout.toNanos());
                deadlinePassed.set(true);
                raw.close();
            } catch (InterruptedException | IOException finished) {
                // the exchange ended in time
            }
        });
        Thread writer = null;
        try {
            Socket socket = connect(raw, ssl, connectTimeout);
            OutputStream out = socket.getOutputStream();
            writer = Thread.ofVirtual().start(() -> write(out, head, body));
            HttpObservation answer = read(new BufferedInputStream(socket.getInputStream()), start, timeout);
            return new Upload(answer, sent.get(), length);
        } catch (ConnectException e) {
            return failure(start, "connection refused or unreachable");
        } catch (SSLException e) {
            return failure(start, deadlinePassed.get() ? noAnswer(timeout) : "TLS failed: " + HttpProbe.rootMessage(e));
        } catch (IOException e) {
            return failure(start, deadlinePassed.get() ? noAnswer(timeout) : failedAfterSending(e));
        } finally {
            answered.set(true);
            closeQuietly(raw);
            watchdog.interrupt();
            if (writer != null) {
                writer.interrupt();
            }
        }
    }

    private Socket connect(Socket raw, SSLContext ssl, Duration connectTimeout) throws IOException {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        raw.connect(new InetSocketAddress(host, port), (int) Math.max(1, connectTimeout.toMillis()));
        if (!https) {
            return raw;
        }
        SSLSocket tls = (SSLSocket) ssl.getSocketFactory().createSocket(raw, host, port, true);
        SSLParameters params = tls.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        params.setApplicationProtocols(new String[] {"http/1.1"});
        tls.setSSLParameters(params);
        tls.startHandshake();
        return tls;
    }

    private byte[] head(Map<String, String> headers) {
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                      + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(uri.getPort() == -1 ? "" : ":" + uri.getPort()).append("\r\n");
        headers.forEach((name, value) -> {
            if (!FRAMING.contains(name.toLowerCase(Locale.ROOT))) {
                if (name.chars().anyMatch(c -> c <= ' ' || c == ':' || c >= 127) || value.chars().anyMatch(c -> c == '\r' || c == '\n')) {
                    throw new IllegalArgumentException("header " + name + " has characters a header cannot carry");
                }
                head.append(name).append(": ").append(value).append("\r\n");
            }
        });
        head.append("Content-Length: ").append(length).append("\r\nConnection: close\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Writes the head, then the body slice by slice until it is all out or the server has answered. */
    private void write(OutputStream out, byte[] head, HttpRequest.BodyPublisher body) {
        Pull pull = body == null ? null : new Pull(body);
        try {
            out.write(head);
            out.flush();
            ByteBuffer next;
            while (pull != null && sent.get() < length && !answered.get() && (next = pull.next()) != null) {
                while (next.hasRemaining() && sent.get() < length && !answered.get()) {
                    int n = (int) Math.min(Math.min(next.remaining(), SLICE), length - sent.get());
                    if (next.hasArray()) {
                        out.write(next.array(), next.arrayOffset() + next.position(), n);
                        next.position(next.position() + n);
                    } else {
                        byte[] slice = new byte[n];
                        next.get(slice);
                        out.write(slice);
                    }
                    sent.addAndGet(n);
                }
            }
            out.flush();
        } catch (IOException e) {
            writeFailure.set(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (pull != null) {
                pull.cancel();
            }
        }
    }

    private HttpObservation read(InputStream in, long start, Duration timeout) throws IOException {
        Head head;
        do {
            head = Head.read(in);
        } while (head.status() >= 100 && head.status() < 200);
        answered.set(true);
        boolean truncated;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String transfer = head.headers().firstValue("transfer-encoding").orElse("");
        try {
            if (method.equals("HEAD") || head.status() == 204 || head.status() == 304) {
                truncated = false;
            } else if (transfer.toLowerCase(Locale.ROOT).contains("chunked")) {
                truncated = readChunked(in, body);
            } else {
                long declared = head.headers().firstValueAsLong("content-length").orElse(Long.MAX_VALUE);
                truncated = copy(in, body, Math.min(declared, HttpProbe.MAX_BODY_BYTES)) && declared > HttpProbe.MAX_BODY_BYTES;
            }
        } catch (IOException e) {
            if (!deadlinePassed.get()) {
                throw e;
            }
            return HttpProbe.failed(method, uri.toString(), (System.nanoTime() - start) / 1_000_000, "HTTP " + head.status()
                    + ", but the body did not arrive within " + timeout.toSeconds() + " s (" + body.size() + " bytes read)");
        }
        return new HttpObservation(method, uri.toString(), head.status(), head.headers(), body.toString(StandardCharsets.UTF_8),
                truncated, (System.nanoTime() - start) / 1_000_000, null);
    }

    /** Copies up to {@code max} bytes; true when all {@code max} came (the body may go on). */
    private static boolean copy(InputStream in, ByteArrayOutputStream to, long max) throws IOException {
        byte[] buffer = new byte[8192];
        long left = max;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                return false;
            }
            to.write(buffer, 0, n);
            left -= n;
        }
        return true;
    }

    /** Decodes a chunked body into {@code to}, up to the cap; true when it was cut off there. */
    private static boolean readChunked(InputStream in, ByteArrayOutputStream to) throws IOException {
        while (true) {
            String line = Head.line(in);
            int semicolon = line.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon < 0 ? line : line.substring(0, semicolon)).strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size: " + line);
            }
            if (size == 0) {
                return false;
            }
            long room = HttpProbe.MAX_BODY_BYTES - to.size();
            if (size > room) {
                copy(in, to, room);
                return true;
            }
            if (!copy(in, to, size)) {
                throw new EOFException("the body ended inside a chunk");
            }
            Head.line(in);
        }
    }

    private String failedAfterSending(IOException e) {
        IOException writing = writeFailure.get();
        String why = e instanceof EOFException ? "the server closed the connection without an answer"
                : "request failed: " + HttpProbe.rootMessage(e);
        return why + " (" + sent.get() + " of " + length + " body bytes sent"
               + (writing == null ? "" : "; writing failed: " + HttpProbe.rootMessage(writing)) + ")";
    }

    private String noAnswer(Duration timeout) {
        return "no answer within " + timeout.toSeconds() + " s (" + sent.get() + " of " + length + " body bytes sent)";
    }

    private Upload failure(long start, String why) {
        return new Upload(HttpProbe.failed(method, uri.toString(), (System.nanoTime() - start) / 1_000_000, why), sent.get(), length);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException alreadyBroken) {
            // nothing left to release
        }
    }

    /** A status line and its headers. */
    private record Head(int status, HttpHeaders headers) {

        static Head read(InputStream in) throws IOException {
            String statusLine = line(in);
            if (!statusLine.matches("HTTP/\\d(\\.\\d)? \\d{3}( .*)?")) {
                throw new IOException("not an HTTP answer: " + statusLine.substring(0, Math.min(40, statusLine.length())));
            }
            int status = Integer.parseInt(statusLine.substring(statusLine.indexOf(' ') + 1, statusLine.indexOf(' ') + 4));
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            int bytes = statusLine.length();
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                bytes += line.length();
                if (bytes > MAX_HEAD_BYTES) {
                    throw new IOException("the answer's headers exceed " + MAX_HEAD_BYTES + " bytes");
                }
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(line.substring(0, colon).strip(), k -> new ArrayList<>()).add(line.substring(colon + 1).strip());
                }
            }
            return new Head(status, HttpHeaders.of(headers, (name, value) -> true));
        }

        /** One CRLF- (or LF-) terminated line, at most {@link #MAX_HEAD_BYTES} long. */
        static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new EOFException("the connection closed mid-answer");
                }
                if (line.size() >= MAX_HEAD_BYTES) {
                    throw new IOException("a line of the answer exceeds " + MAX_HEAD_BYTES + " bytes");
                }
                line.write(c);
            }
            String s = line.toString(StandardCharsets.ISO_8859_1);
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }
    }

    /** Pulls a body publisher's buffers one at a time, so that no more is produced than is written. */
    private static final class Pull implements Flow.Subscriber<ByteBuffer> {
        private static final Object END = new Object();
        private final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
        private final BlockingQueue<Object> items = new LinkedBlockingQueue<>();

        Pull(HttpRequest.BodyPublisher body) {
            body.subscribe(this);
        }

        /** The next buffer, or null at the end of the body. */
        ByteBuffer next() throws InterruptedException, IOException {
            try {
                subscription.get().request(1);
            } catch (ExecutionException e) {
                throw new IOException("the body could not be produced", e.getCause());
            }
            Object item = items.take();
            if (item instanceof Throwable t) {
                throw new IOException("the body could not be produced", t);
            }
            return item == END ? null : (ByteBuffer) item;
        }

        void cancel() {
            subscription.thenAccept(Flow.Subscription::cancel);
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription.complete(s);
        }

        @Override
        public void onNext(ByteBuffer item) {
            items.add(item);
        }

        @Override
        public void onError(Throwable t) {
            items.add(t);
        }

        @Override
        public void onComplete() {
            items.add(END);
        }
    }
}
