package dev.preflight.load;

import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one HTTP/1.x answer fed to it in pieces as they arrive, as {@link HttpConnection} reads one
 * from a blocking stream: the status, and enough of the headers to find the end of the body
 * (Content-Length, chunked, Connection: close); 1xx answers are skipped, HEAD, 204 and 304 answers
 * have no body, a body of no stated length runs to the end of the connection. It keeps no bytes but
 * the line it is in the middle of, so a piece can be dropped once fed.
 */
final class ResponseParser {
    static final int MAX_LINE = 8 * 1024;
    private static final byte[] HTTP_1 = "HTTP/1.".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] TRANSFER_ENCODING = "transfer-encoding:".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] CONNECTION = "connection:".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] CHUNKED = "chunked".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] CLOSE = "close".getBytes(StandardCharsets.ISO_8859_1);

    private enum Part { STATUS_LINE, HEADER, BODY, CHUNK_SIZE, CHUNK, CHUNK_END, TRAILER, TO_END, DONE }

    private final byte[] line = new byte[MAX_LINE];
    private int lineLength;
    private Part part;
    private boolean head;
    private boolean received;
    private int status;
    private boolean close;
    private long length;
    private boolean chunked;
    private long left;

    ResponseParser() {
        expect(false);
    }

    /** Readies the parser for the answer to a new request; {@code head}: a HEAD request, whose answer has no body. */
    void expect(boolean headRequest) {
        head = headRequest;
        part = Part.STATUS_LINE;
        lineLength = 0;
        received = false;
        status = 0;
    }

    /** Reads {@code len} bytes from {@code off}; returns whether the answer is complete (bytes after its end are dropped). */
    boolean feed(byte[] b, int off, int len) throws ProtocolException {
        int end = off + len;
        received |= len > 0;
        int i = off;
        while (i < end && part != Part.DONE) {
            switch (part) {
                case BODY, CHUNK -> {
                    int take = (int) Math.min(left, end - i);
                    i += take;
                    left -= take;
                    if (left == 0) {
                        part = part == Part.BODY ? Part.DONE : Part.CHUNK_END;
                    }
                }
                case TO_END -> i = end;
                default -> i = lineBytes(b, i, end);
            }
        }
        return part == Part.DONE;
    }

    /** The connection ended; returns whether that completed the answer (a body read to the end), false when it was cut short. */
    boolean endOfInput() {
        if (part == Part.TO_END) {
            part = Part.DONE;
        }
        return part == Part.DONE;
    }

    /** Whether any byte of the current answer came: a connection closed before any did may be retried. */
    boolean received() {
        return received;
    }

    /** The final answer's status, once complete. */
    int status() {
        return status;
    }

    /** Whether the server closes the connection after the answer, once complete. */
    boolean closes() {
        return close;
    }

    /** Adds bytes to the current line up to its end; handles the line once complete; returns where it stopped. */
    private int lineBytes(byte[] b, int i, int end) throws ProtocolException {
        int newline = i;
        while (newline < end && b[newline] != '\n') {
            newline++;
        }
        int take = newline - i;
        if (take > MAX_LINE - lineLength) {
            throw new ProtocolException("a header line longer than " + MAX_LINE + " bytes");
        }
        System.arraycopy(b, i, line, lineLength, take);
        lineLength += take;
        if (newline == end) {
            return end;
        }
        int n = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
        lineLength = 0;
        onLine(n);
        return newline + 1;
    }

    private void onLine(int n) throws ProtocolException {
        switch (part) {
            case STATUS_LINE -> statusLine(n);
            case HEADER -> {
                if (n == 0) {
                    headersEnd();
                } else if (startsWith(n, CONTENT_LENGTH)) {
                    length = parseLength(CONTENT_LENGTH.length, n);
                } else if (startsWith(n, TRANSFER_ENCODING)) {
                    chunked = contains(n, CHUNKED);
                } else if (startsWith(n, CONNECTION)) {
                    close = contains(n, CLOSE);
                }
            }
            case CHUNK_SIZE -> {
                long size = chunkSize(n);
                if (size == 0) {
                    part = Part.TRAILER;
                } else {
                    left = size;
                    part = Part.CHUNK;
                }
            }
            case CHUNK_END -> part = Part.CHUNK_SIZE;
            case TRAILER -> {
                if (n == 0) {
                    part = Part.DONE;
                }
            }
            default -> throw new IllegalStateException("no line expected in " + part);
        }
    }

    private void statusLine(int n) throws ProtocolException {
        if (n < 12 || !Arrays.equals(line, 0, HTTP_1.length, HTTP_1, 0, HTTP_1.length)) {
            throw new ProtocolException("not an HTTP/1.x status line");
        }
        int s = 0;
        for (int i = 9; i < 12; i++) {
            byte c = line[i];
            if (c < '0' || c > '9') {
                throw new ProtocolException("no status code in the status line");
            }
            s = s * 10 + (c - '0');
        }
        status = s;
        close = line[7] == '0';
        length = -1;
        chunked = false;
        part = Part.HEADER;
    }

    private void headersEnd() {
        if (status < 200) {
            part = Part.STATUS_LINE;
        } else if (status == 204 || status == 304 || head) {
            part = Part.DONE;
        } else if (chunked) {
            part = Part.CHUNK_SIZE;
        } else if (length >= 0) {
            left = length;
            part = length == 0 ? Part.DONE : Part.BODY;
        } else {
            close = true;
            part = Part.TO_END;
        }
    }

    private long chunkSize(int n) throws ProtocolException {
        String size = new String(line, 0, n, StandardCharsets.ISO_8859_1);
        int semicolon = size.indexOf(';');
        try {
            long value = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ProtocolException("a bad chunk size");
        }
    }

    private boolean startsWith(int n, byte[] lowerName) {
        if (n < lowerName.length) {
            return false;
        }
        for (int i = 0; i < lowerName.length; i++) {
            if ((line[i] | 0x20) != lowerName[i] && line[i] != lowerName[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the line holds {@code lowerWord} in any case; ASCII only, as header values are. */
    private boolean contains(int n, byte[] lowerWord) {
        for (int from = 0; from + lowerWord.length <= n; from++) {
            int i = 0;
            while (i < lowerWord.length && (line[from + i] | 0x20) == lowerWord[i]) {
                i++;
            }
            if (i == lowerWord.length) {
                return true;
            }
        }
        return false;
    }

    private long parseLength(int from, int end) throws ProtocolException {
        return contentLength(line, from, end);
    }

    /** A Content-Length value written in {@code bytes} between {@code from} and {@code end}; blanks around it allowed. */
    static long contentLength(byte[] bytes, int from, int end) throws ProtocolException {
        long n = 0;
        boolean digits = false;
        for (int i = from; i < end; i++) {
            byte c = bytes[i];
            if (c >= '0' && c <= '9') {
                n = n * 10 + (c - '0');
                digits = true;
            } else if (c != ' ' && c != '\t') {
                throw new ProtocolException("a bad Content-Length");
            }
        }
        if (!digits) {
            throw new ProtocolException("an empty Content-Length");
        }
        return n;
    }
}
