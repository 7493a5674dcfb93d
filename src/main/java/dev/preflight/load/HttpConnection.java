package dev.preflight.load;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLSocketFactory;

/**
 * One keep-alive HTTP/1.1 connection of a load run, on a plain socket. The JDK's HttpClient costs
 * several times the CPU per request of a load tool written for the purpose; this reads only what a
 * load run needs (the status, and enough of the headers to find the end of the body: Content-Length,
 * chunked, Connection: close) into one buffer reused for every answer. Used by one thread at a time,
 * but for {@link #expire}, which the run's watchdog calls.
 *
 * <p>The socket never has a read timeout. The JDK serves a timed read as a non-blocking read, a poll
 * and a second read, three system calls where a blocking read is one, and a socket once made
 * non-blocking (by a timed connect too) stays so; on a closed-model run that tripled the kernel's
 * work per request. Deadlines are kept instead by the watchdog closing the socket of an exchange
 * that has outlived its deadline.
 */
final class HttpConnection implements Closeable {
    private static final int MAX_LINE = 8 * 1024;
    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes();
    private static final byte[] TRANSFER_ENCODING = "transfer-encoding:".getBytes();
    private static final byte[] CONNECTION = "connection:".getBytes();

    /** A failed exchange, already classified. */
    static final class Failure extends Exception {
        private final ErrorKind kind;

        Failure(ErrorKind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }

        ErrorKind kind() {
            return kind;
        }
    }

    /** {@link #deadline} of an exchange the watchdog has ended. */
    private static final long EXPIRED = Long.MIN_VALUE;

    private final InetSocketAddress address;
    private final SSLSocketFactory tls;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int lim;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    /** The running exchange's deadline in {@code System.nanoTime()} terms, 0 between exchanges, {@link #EXPIRED} once ended by the watchdog. */
    private final AtomicLong deadline = new AtomicLong();
    private volatile Socket live;

    HttpConnection(InetSocketAddress address, SSLSocketFactory tls) {
        this.address = address;
        this.tls = tls;
    }

    /**
     * Ends the running exchange if {@code now} is past its deadline, by closing its socket: the
     * blocked read or connect then fails, and is classified as a timeout. Safe from any thread.
     */
    void expire(long now) {
        long d = deadline.get();
        if (d != 0 && d != EXPIRED && now - d > 0 && deadline.compareAndSet(d, EXPIRED)) {
            Socket s = live;
            if (s != null) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closed already: the exchange fails either way
                }
            }
        }
    }

    /**
     * Sends {@code request} (a complete request, headers and body) and reads the whole answer by
     * {@code deadlineNanos}; returns its status. A reused connection that the server had closed
     * while idle is reopened once: that is keep-alive housekeeping, not an error of the server.
     */
    int exchange(byte[] request, boolean head, long deadlineNanos) throws Failure {
        deadline.set(deadlineNanos);
        try {
            return exchange(request, head);
        } finally {
            deadline.set(0);
        }
    }

    private int exchange(byte[] request, boolean head) throws Failure {
        boolean reused = socket != null;
        try {
            return attempt(request, head);
        } catch (EOFException | SocketException e) {
            if (!reused || pos != 0 || lim != 0 || e instanceof ConnectException || deadline.get() == EXPIRED) {
                throw classify(e);
            }
        } catch (IOException e) {
            throw classify(e);
        }
        close();
        try {
            return attempt(request, head);
        } catch (IOException e) {
            throw classify(e);
        }
    }

    private Failure classify(IOException e) {
        close();
        if (deadline.get() == EXPIRED && !(e instanceof ConnectException)) {
            return new Failure(ErrorKind.TIMEOUT, "no complete answer in time");
        }
        return switch (e) {
            case ConnectException c -> new Failure(ErrorKind.CONNECT, "connect: " + c.getMessage());
            case SocketTimeoutException t -> new Failure(ErrorKind.TIMEOUT, "no complete answer in time");
            case ProtocolException p -> new Failure(ErrorKind.PROTOCOL, p.getMessage());
            default -> new Failure(ErrorKind.RESET, "connection closed: " + e.getMessage());
        };
    }

    private int attempt(byte[] request, boolean head) throws IOException {
        pos = 0;
        lim = 0;
        if (socket == null) {
            open();
        }
        out.write(request);
        out.flush();
        int status;
        boolean close;
        do {
            String statusLine = line();
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
                throw new ProtocolException("not an HTTP/1.x status line");
            }
            status = parseStatus(statusLine);
            close = statusLine.charAt(7) == '0';
            long length = -1;
            boolean chunked = false;
            int start;
            while ((start = lineEnd()) != pos) {
                int end = start;
                if (startsWith(pos, end, CONTENT_LENGTH)) {
                    length = ResponseParser.contentLength(buf, pos + CONTENT_LENGTH.length, end);
                } else if (startsWith(pos, end, TRANSFER_ENCODING)) {
                    chunked = contains(pos, end, "chunked");
                } else if (startsWith(pos, end, CONNECTION)) {
                    close = contains(pos, end, "close");
                }
                pos = afterLine(end);
            }
            pos = afterLine(start);
            if (status < 200 || status == 204 || status == 304 || head) {
                continue;
            }
            if (chunked) {
                skipChunked();
            } else if (length >= 0) {
                skip(length);
            } else {
                skipToEnd();
                close = true;
            }
        } while (status < 200);
        if (close) {
            close();
        }
        return status;
    }

    /**
     * Opens the connection ahead of the first request, so that the run's first requests do not start
     * late behind the JVM loading the socket and TLS classes. A failure is left for the first
     * exchange to meet and report.
     */
    void warm(long deadlineNanos) {
        if (socket == null) {
            deadline.set(deadlineNanos);
            try {
                open();
            } catch (IOException e) {
                close();
            } finally {
                deadline.set(0);
            }
        }
    }

    private void open() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        live = s;
        try {
            s.connect(address);
        } catch (IOException e) {
            s.close();
            throw new ConnectException(deadline.get() == EXPIRED ? "timed out" : e.getMessage());
        }
        socket = tls == null ? s : tls.createSocket(s, address.getHostString(), address.getPort(), true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    private static int parseStatus(String line) throws ProtocolException {
        int s = 0;
        for (int i = 9; i < 12; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                throw new ProtocolException("no status code in the status line");
            }
            s = s * 10 + (c - '0');
        }
        return s;
    }

    /** The end of the current line (the index of its CR or LF), reading more as needed. */
    private int lineEnd() throws IOException {
        int from = pos;
        while (true) {
            for (int i = from; i < lim; i++) {
                if (buf[i] == '\n') {
                    return i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                }
            }
            if (lim - pos >= MAX_LINE) {
                throw new ProtocolException("a header line longer than " + MAX_LINE + " bytes");
            }
            from = lim - pos;
            fill();
            from += pos;
        }
    }

    private int afterLine(int end) {
        return buf[end] == '\r' ? end + 2 : end + 1;
    }

    private String line() throws IOException {
        int end = lineEnd();
        String s = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
        pos = afterLine(end);
        return s;
    }

    /** Reads more bytes after the unread ones, moving those to the front of the buffer first. */
    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        if (lim == buf.length) {
            throw new ProtocolException("an answer line longer than the buffer");
        }
        long d = deadline.get();
        if (d == EXPIRED || System.nanoTime() - d >= 0) {
            throw new SocketTimeoutException("deadline");
        }
        int n = in.read(buf, lim, buf.length - lim);
        if (n < 0) {
            throw new EOFException("the server closed the connection");
        }
        lim += n;
    }

    private void skip(long n) throws IOException {
        while (n > 0) {
            if (pos == lim) {
                pos = 0;
                lim = 0;
                fill();
            }
            int take = (int) Math.min(n, lim - pos);
            pos += take;
            n -= take;
        }
    }

    private void skipChunked() throws IOException {
        while (true) {
            String size = line();
            int semicolon = size.indexOf(';');
            long n;
            try {
                n = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
            } catch (NumberFormatException e) {
                throw new ProtocolException("a bad chunk size");
            }
            if (n == 0) {
                while (!line().isEmpty()) {
                    // trailers, read and dropped
                }
                return;
            }
            skip(n);
            line();
        }
    }

    private void skipToEnd() throws IOException {
        try {
            while (true) {
                pos = 0;
                lim = 0;
                fill();
            }
        } catch (EOFException end) {
            pos = 0;
            lim = 0;
        }
    }

    private boolean startsWith(int from, int end, byte[] lowerName) {
        if (end - from < lowerName.length) {
            return false;
        }
        for (int i = 0; i < lowerName.length; i++) {
            if ((buf[from + i] | 0x20) != lowerName[i] && buf[from + i] != lowerName[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean contains(int from, int end, String lowerWord) {
        return new String(buf, from, end - from, StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT).contains(lowerWord);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken connection has nothing left to report
            }
            socket = null;
        }
    }
}
