package dev.preflight.collect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server on a loopback port that misbehaves in one of the ways a probe must survive. With
 * {@code afterFirst}, its first connection is answered properly (200 "ok"), so a check gets past its
 * first request and meets the misbehaviour in its later ones (a burst, an upload, a payload). Every
 * loop ends when the peer goes away or the server is closed.
 */
public final class MisbehavingServer implements AutoCloseable {

    public enum Behaviour {
        /** Reads the request and never answers. */
        STALL_HEADERS,
        /** Answers 200 with a 1 MB Content-Length and sends one byte every 100 ms. */
        DRIP_BODY,
        /** Answers 200 with a 5 GB Content-Length and sends zeros for as long as it is read. */
        ENDLESS_BODY,
        /** Answers every request with a redirect to a new path. */
        REDIRECT_FOREVER,
        /** Reads the request head and resets the connection. */
        RESET,
        /** Answers the TLS ClientHello with bytes that are not TLS. */
        TLS_GARBAGE
    }

    private static final long FIVE_GB = 5L << 30;

    private final Behaviour behaviour;
    private final boolean afterFirst;
    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong bodyBytesWritten = new AtomicLong();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private MisbehavingServer(Behaviour behaviour, boolean afterFirst) throws IOException {
        this.behaviour = behaviour;
        this.afterFirst = afterFirst;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("misbehaving-" + behaviour).start(this::accept);
    }

    public static MisbehavingServer start(Behaviour behaviour, boolean afterFirst) throws IOException {
        return new MisbehavingServer(behaviour, afterFirst);
    }

    public URI url() {
        return URI.create((behaviour == Behaviour.TLS_GARBAGE ? "https" : "http") + "://127.0.0.1:" + server.getLocalPort());
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Body bytes the server managed to write, summed over connections: what a client let it send. */
    public long bodyBytesWritten() {
        return bodyBytesWritten.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                int n = connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(socket, n));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket, int n) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            if (behaviour == Behaviour.TLS_GARBAGE) {
                in.read(new byte[512]);
                out.write("garbage, not a TLS record\r\n".repeat(40).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                drain(in);
                return;
            }
            readHead(in);
            if (afterFirst && n == 1) {
                out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return;
            }
            switch (behaviour) {
                case STALL_HEADERS -> drain(in);
                case DRIP_BODY -> {
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    for (int i = 0; i < 1_000_000 && !server.isClosed(); i++) {
                        out.write('.');
                        out.flush();
                        bodyBytesWritten.incrementAndGet();
                        Thread.sleep(100);
                    }
                }
                case ENDLESS_BODY -> {
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + FIVE_GB + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    byte[] zeros = new byte[64 * 1024];
                    for (long sent = 0; sent < FIVE_GB && !server.isClosed(); sent += zeros.length) {
                        out.write(zeros);
                        bodyBytesWritten.addAndGet(zeros.length);
                    }
                }
                case REDIRECT_FOREVER -> out.write(("HTTP/1.1 302 Found\r\nLocation: /loop/" + n + "\r\nContent-Length: 0\r\n"
                                                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                case RESET -> socket.setSoLinger(true, 0);
                case TLS_GARBAGE -> throw new IllegalStateException("answered above");
            }
        } catch (IOException | InterruptedException peerGone) {
            // the client closed the connection: what a probe that gives up should do
        } finally {
            open.remove(socket);
        }
    }

    private static void readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length && head.size() < 65_536) {
            int c = in.read();
            if (c < 0) {
                return;
            }
            head.write(c);
            matched = c == end[matched] ? matched + 1 : c == '\r' ? 1 : 0;
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        while (in.read(buffer) >= 0) {
            // reading on, never answering, until the client hangs up
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
