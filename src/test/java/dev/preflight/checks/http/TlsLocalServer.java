package dev.preflight.checks.http;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import dev.preflight.collect.HttpProbe;
import dev.preflight.collect.LocalServer;
import dev.preflight.collect.TrustMaterial;

/**
 * A real HTTPS server on a free loopback port, its certificate for 127.0.0.1 made by the JDK's own
 * keytool and trusted by the probes it hands out as a {@code --ca-cert} would be. Routes match the
 * path exactly; anything else is 404.
 */
final class TlsLocalServer implements AutoCloseable {
    private final HttpsServer server;
    private final Path caPem;
    private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();

    private TlsLocalServer(HttpsServer server, Path caPem) {
        this.server = server;
        this.caPem = caPem;
    }

    static TlsLocalServer start(Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Path pem = dir.resolve("server.pem");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(), "-storepass", "changeit", "-file", pem.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(ks, "changeit".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(keys.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        TlsLocalServer local = new TlsLocalServer(server, pem);
        server.createContext("/", exchange -> {
            HttpHandler handler = local.routes.get(exchange.getRequestURI().getPath());
            if (handler == null) {
                LocalServer.respond(exchange, 404, "text/plain", "not found\n");
            } else {
                handler.handle(exchange);
            }
            exchange.close();
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return local;
    }

    TlsLocalServer route(String path, HttpHandler handler) {
        routes.put(path, handler);
        return this;
    }

    URI base() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A probe of these URLs (the first is the base) that trusts this server's certificate. */
    HttpProbe probe(List<URI> urls) {
        try {
            return HttpProbe.forRun(urls, Duration.ofSeconds(5), TrustMaterial.withExtraCa(caPem), Map.of(), Duration.ofSeconds(10), null, what -> { });
        } catch (Exception e) {
            throw new IllegalStateException("cannot trust " + caPem, e);
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new UncheckedIOException(new IOException("keytool " + String.join(" ", args) + " failed: " + output));
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
