package dev.preflight.checks.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

import com.sun.net.httpserver.HttpHandler;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.LocalServer;

class CompressionCheckTest {
    private static final String PAGE = "<!doctype html><script src=\"/static/app.js\"></script>" + "<p>lorem ipsum dolor sit amet</p>\n".repeat(100);
    private static final String SCRIPT = "console.log('a fairly long script line');\n".repeat(100);

    private LocalServer server;

    @BeforeEach
    void start() throws Exception {
        server = LocalServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Answers {@code body}, gzipped when {@code gzip} and the client accepts gzip, as nginx's gzip module does. */
    private static HttpHandler serve(String contentType, String body, boolean gzip) {
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String accepted = exchange.getRequestHeaders().getFirst("Accept-Encoding");
            exchange.getResponseHeaders().set("Content-Type", contentType);
            if (gzip && accepted != null && accepted.contains("gzip")) {
                ByteArrayOutputStream zipped = new ByteArrayOutputStream();
                try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
                    out.write(bytes);
                }
                bytes = zipped.toByteArray();
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            }
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            } catch (IOException ignored) {
                // the client went away
            }
        };
    }

    @Test
    void passesWhenThePageAndItsScriptAreGzipped() throws Exception {
        server.route("/", serve("text/html", PAGE, true)).route("/static/app.js", serve("application/javascript", SCRIPT, true));

        Outcome outcome = Live.run(new CompressionCheck(), server.probe());

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("/ sent gzip; /static/app.js sent gzip");
    }

    @Test
    void failsWhenTheScriptIsSentUncompressed() throws Exception {
        server.route("/", serve("text/html", PAGE, true)).route("/static/app.js", serve("application/javascript", SCRIPT, false));

        Outcome outcome = Live.run(new CompressionCheck(), server.probe());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("/static/app.js: sent uncompressed (4200 bytes of application/javascript)");
        assertThat(outcome.evidence()).extracting(Evidence::describe).contains("/: PASS, sent gzip");
    }

    @Test
    void skipsUnverifiedWhenEveryBodyIsTooSmallToTell() throws Exception {
        server.route("/", serve("application/json", "{\"status\":\"ok\"}", false));

        Outcome outcome = Live.run(new CompressionCheck(), server.probe());

        assertThat(outcome.isUnverified()).isTrue();
        assertThat(outcome.summary()).contains("no text body of 1024 bytes or more");
    }
}
