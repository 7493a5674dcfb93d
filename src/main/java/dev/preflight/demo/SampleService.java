package dev.preflight.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The demo's live deployment: a tiny notes API on a free loopback port. Its health endpoints are
 * good; its /metrics serves JSON instead of Prometheus text, so the ticked "Metrics endpoint" item
 * is a false claim.
 */
public final class SampleService implements AutoCloseable {
    private final HttpServer server;

    private SampleService(HttpServer server) {
        this.server = server;
    }

    public static SampleService start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> send(exchange, 404, "application/json", "{\"error\":\"not found\"}"));
        server.createContext("/health", exchange -> send(exchange, 200, "application/json",
                "{\"status\":\"ok\",\"checks\":{\"database\":\"ok\"}}"));
        server.createContext("/health/ready", exchange -> send(exchange, 200, "application/json", "{\"status\":\"ready\"}"));
        server.createContext("/health/live", exchange -> send(exchange, 200, "application/json", "{\"status\":\"alive\"}"));
        server.createContext("/metrics", exchange -> send(exchange, 200, "application/json",
                "{\"requests\": 1024, \"errors\": 3}"));
        server.createContext("/api/notes", exchange -> send(exchange, 200, "application/json", "[]"));
        server.start();
        return new SampleService(server);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
