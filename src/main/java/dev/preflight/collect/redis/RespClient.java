package dev.preflight.collect.redis;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A Redis client speaking RESP2 on one socket: each command is an array of bulk strings, each reply
 * is read whole before the next command is sent. Replies are bounded ({@link #MAX_REPLY_BYTES} in
 * all, {@link #MAX_ELEMENTS} per array, {@link #MAX_DEPTH} levels) so a server that answers with
 * something huge or endless ends the exchange instead of filling memory.
 */
public final class RespClient implements Closeable {
    static final int MAX_REPLY_BYTES = 1 << 20;
    static final int MAX_ELEMENTS = 4096;
    static final int MAX_DEPTH = 4;

    /** One reply, as RESP2 types it. */
    public sealed interface Reply {
        /** {@code +OK}, {@code +PONG} */
        record Simple(String text) implements Reply {
        }

        /** {@code -NOAUTH Authentication required.}: the server refused the command. */
        record Error(String text) implements Reply {
        }

        record Int(long value) implements Reply {
        }

        /** @param text null for the null bulk string */
        record Bulk(String text) implements Reply {
        }

        /** @param elements null for the null array */
        record Array(List<Reply> elements) implements Reply {
        }
    }

    /** The server sent something that is not RESP2, or more than the bounds allow. */
    public static final class ProtocolException extends IOException {
        ProtocolException(String message) {
            super(message);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int readInReply;

    private RespClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /**
     * Connects within {@code connectTimeout}; every read after that waits at most {@code readTimeout}.
     * With {@code tls} (null: plain RESP) the connection is TLS: the handshake trusts what {@code tls}
     * trusts, checks that the certificate names {@code host} (HTTPS rules), and is bounded by
     * {@code readTimeout} like any read.
     */
    public static RespClient connect(String host, int port, Duration connectTimeout, Duration readTimeout, SSLContext tls) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            socket.setSoTimeout((int) readTimeout.toMillis());
            if (tls == null) {
                return new RespClient(socket);
            }
            SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(socket, host, port, true);
            SSLParameters parameters = secure.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            secure.setSSLParameters(parameters);
            try {
                secure.startHandshake();
            } catch (SocketTimeoutException e) {
                // A plain Redis reads the ClientHello as a command line and waits for its end: say so, not "no answer".
                throw new SSLHandshakeException("no TLS answer within " + readTimeout.toSeconds() + " s (does the server speak TLS on this port?)");
            }
            return new RespClient(secure);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends one command and reads its reply. */
    public Reply call(String... command) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("*" + command.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String part : command) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(bytes);
            request.writeBytes(new byte[] {'\r', '\n'});
        }
        out.write(request.toByteArray());
        out.flush();
        readInReply = 0;
        return read(0);
    }

    private Reply read(int depth) throws IOException {
        int type = next();
        String line = line();
        return switch (type) {
            case '+' -> new Reply.Simple(line);
            case '-' -> new Reply.Error(line);
            case ':' -> new Reply.Int(number(line));
            case '$' -> bulk(number(line));
            case '*' -> array(number(line), depth);
            default -> throw new ProtocolException("not a Redis reply (it starts with byte " + type + ")");
        };
    }

    private Reply bulk(long length) throws IOException {
        if (length < 0) {
            return new Reply.Bulk(null);
        }
        if (length > MAX_REPLY_BYTES - readInReply) {
            throw new ProtocolException("a reply of more than " + MAX_REPLY_BYTES + " bytes");
        }
        byte[] bytes = in.readNBytes((int) length);
        readInReply += bytes.length;
        if (bytes.length < length || next() != '\r' || next() != '\n') {
            throw new ProtocolException("a bulk string cut short");
        }
        return new Reply.Bulk(new String(bytes, StandardCharsets.UTF_8));
    }

    private Reply array(long count, int depth) throws IOException {
        if (count < 0) {
            return new Reply.Array(null);
        }
        if (count > MAX_ELEMENTS || depth >= MAX_DEPTH) {
            throw new ProtocolException("an array of more than " + MAX_ELEMENTS + " elements or " + MAX_DEPTH + " levels");
        }
        List<Reply> elements = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            elements.add(read(depth + 1));
        }
        return new Reply.Array(elements);
    }

    private String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (true) {
            int b = next();
            if (b == '\r') {
                if (next() != '\n') {
                    throw new ProtocolException("a line not ended by CRLF");
                }
                return bytes.toString(StandardCharsets.UTF_8);
            }
            bytes.write(b);
        }
    }

    private int next() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new ProtocolException("the server closed the connection");
        }
        if (++readInReply > MAX_REPLY_BYTES) {
            throw new ProtocolException("a reply of more than " + MAX_REPLY_BYTES + " bytes");
        }
        return b;
    }

    private static long number(String line) throws ProtocolException {
        try {
            return Long.parseLong(line);
        } catch (NumberFormatException e) {
            throw new ProtocolException("'" + line + "' where a number belongs");
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
