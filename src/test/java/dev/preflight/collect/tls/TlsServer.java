package dev.preflight.collect.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Loopback servers for the TLS probes: a real JDK TLS server with a {@link TestKeystore}, or a plain
 * socket that misbehaves (answers garbage, stalls, resets). Each accepted connection is served on a
 * virtual thread; closing the server closes every connection still open, so nothing outlives a test.
 */
public final class TlsServer implements AutoCloseable {

    /** What a misbehaving server does with each connection. */
    @FunctionalInterface
    public interface Behaviour {
        void serve(Socket socket) throws IOException;
    }

    private final ServerSocket listener;
    private final Behaviour behaviour;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private TlsServer(ServerSocket listener, Behaviour behaviour) {
        this.listener = listener;
        this.behaviour = behaviour;
        Thread.ofVirtual().name("tls-server-" + listener.getLocalPort()).start(this::acceptLoop);
    }

    /** A JDK TLS server (TLS 1.3 and 1.2, its default suites) whose ALPN choice is the first of {@code alpn} the client offers. */
    public static TlsServer tls(TestKeystore key, List<String> alpn) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = java.nio.file.Files.newInputStream(key.keystore())) {
                store.load(in, key.password());
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, key.password());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            SSLServerSocket listener = (SSLServerSocket) context.getServerSocketFactory()
                    .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            SSLParameters params = listener.getSSLParameters();
            params.setProtocols(new String[]{"TLSv1.3", "TLSv1.2"});
            params.setApplicationProtocols(alpn.toArray(String[]::new));
            listener.setSSLParameters(params);
            return new TlsServer(listener, socket -> {
                ((SSLSocket) socket).startHandshake();
                drain(socket);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the test keystore cannot serve TLS", e);
        }
    }

    /** A plain TCP server that treats every connection with {@code behaviour}. */
    public static TlsServer misbehaving(Behaviour behaviour) {
        try {
            return new TlsServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), behaviour);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the ClientHello, then answers with bytes that are not TLS. */
    public static Behaviour garbage() {
        return socket -> {
            socket.getInputStream().read(new byte[4096]);
            socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            drain(socket);
        };
    }

    /** Reads the ClientHello and never answers; the connection stays open until the client gives up. */
    public static Behaviour stall() {
        return TlsServer::drain;
    }

    /** Reads the ClientHello, then resets the connection (RST, not FIN). */
    public static Behaviour reset() {
        return socket -> {
            socket.getInputStream().read(new byte[4096]);
            socket.setSoLinger(true, 0);
            socket.close();
        };
    }

    public int port() {
        return listener.getLocalPort();
    }

    public URI url() {
        return URI.create("https://127.0.0.1:" + port());
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException closed) {
                return;
            }
            open.add(socket);
            Thread.ofVirtual().start(() -> {
                try (socket) {
                    behaviour.serve(socket);
                } catch (IOException clientWentAway) {
                    // Probes hang up after the first answer; that ends the connection, not the test.
                } finally {
                    open.remove(socket);
                }
            });
        }
    }

    /** Reads until the client closes: the server neither answers more nor closes first. */
    private static void drain(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        while (in.read(buffer) >= 0) {
            // Discarded: the probes under test only ever read.
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // Closing a listener that failed is still closed.
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Already gone.
            }
        }
    }
}
