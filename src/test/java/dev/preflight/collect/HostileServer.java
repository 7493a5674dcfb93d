package dev.preflight.collect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server that misbehaves in one way, written on raw sockets because a well-behaved HTTP
 * library cannot be made to: it stalls, drips, floods, redirects forever, resets, or answers TLS with
 * garbage. Each connection is served on a virtual thread; every loop is bounded in bytes or time.
 */
public final class HostileServer implements AutoCloseable {

    public enum Behaviour {
        /** Accepts and reads the request, then never answers. */
        STALL_HEADERS,
        /** Sends headers promising a body, then one byte every 200 ms. */
        DRIP_BODY,
        /** Sends headers without a length, then zeros until the client goes away (at most 5 GB). */
        ENDLESS_BODY,
        /** Answers every request with a 302 to a fresh path on itself. */
        REDIRECT_FOREVER,
        /** Closes every connection with a TCP reset as soon as the request arrives. */
        RESET,
        /** Answers the first bytes, whatever they are, with bytes that are not TLS nor HTTP. */
        GARBAGE
    }

    private static final long FIVE_GB = 5L << 30;

    private final ServerSocket socket;
    private final Behaviour behaviour;
    private final AtomicInteger connections = new AtomicInteger();

    private HostileServer(ServerSocket socket, Behaviour behaviour) {
        this.socket = socket;
        this.behaviour = behaviour;
    }

    public static HostileServer start(Behaviour behaviour) throws IOException {
        HostileServer server = new HostileServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), behaviour);
        Thread.ofVirtual().name("hostile-accept").start(server::accept);
        return server;
    }

    public URI url(String scheme) {
        return URI.create(scheme + "://127.0.0.1:" + socket.getLocalPort());
    }

    public int connections() {
        return connections.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            byte[] request = new byte[8192];
            int n = in.read(request);
            if (n <= 0) {
                return;
            }
            switch (behaviour) {
                case STALL_HEADERS -> Thread.sleep(60_000);
                case DRIP_BODY -> {
                    out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nContent-Type: text/plain\r\n\r\n"));
                    for (int i = 0; i < 1000; i++) {
                        out.write('x');
                        out.flush();
                        Thread.sleep(200);
                    }
                }
                case ENDLESS_BODY -> {
                    out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n"));
                    byte[] zeros = new byte[64 * 1024];
                    for (long sent = 0; sent < FIVE_GB; sent += zeros.length) {
                        out.write(zeros);
                    }
                }
                case REDIRECT_FOREVER -> out.write(ascii("HTTP/1.1 302 Found\r\nLocation: /loop-" + System.nanoTime()
                        + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
                case RESET -> client.setSoLinger(true, 0);
                case GARBAGE -> out.write(ascii("\u0001\u0002garbage that is neither TLS nor HTTP\r\n\r\n"));
            }
            out.flush();
        } catch (IOException | InterruptedException clientWentAway) {
            // the point of most behaviours: the client gives up and closes
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
