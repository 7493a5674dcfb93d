package dev.preflight.collect;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on a free loopback port, for the checks that probe a deployment. Routes match
 * the path exactly (the JDK server's contexts match prefixes, which would answer /health/ready with
 * /health's handler); anything else is 404. Every request is counted by path.
 */
public final class LocalServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private volatile HttpHandler fallback;

    private LocalServer(HttpServer server) {
        this.server = server;
    }

    public static LocalServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        LocalServer local = new LocalServer(server);
        server.createContext("/", local::dispatch);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return local;
    }

    public LocalServer route(String path, int status, String contentType, String body) {
        return route(path, exchange -> respond(exchange, status, contentType, body));
    }

    public LocalServer route(String path, HttpHandler handler) {
        routes.put(path, handler);
        return this;
    }

    /** What answers the paths no route names, in place of the plain 404: a framework's own not-found page, a single-page app's index. */
    public LocalServer fallback(HttpHandler handler) {
        fallback = handler;
        return this;
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    /** A probe of this server as the engine builds one, with generous timeouts: tests assert outcomes, not times. */
    public HttpProbe probe() {
        return new HttpProbe(base(), HttpProbe.client(Duration.ofSeconds(5), null), Map.of(), Duration.ofSeconds(10));
    }

    public static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        HttpHandler handler = routes.getOrDefault(path, fallback);
        if (handler == null) {
            respond(exchange, 404, "text/plain", "404 page not found\n");
        } else {
            handler.handle(exchange);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
