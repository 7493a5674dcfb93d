package dev.preflight.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real nginx serving static pages on a loopback port, one process (no master, no daemon) with its
 * configuration, pid, logs and temporary files all in one directory. Each request is one line of
 * its access log: method, URI, status and user agent.
 */
final class Nginx implements AutoCloseable {

    /** A page served with status 200 at an exact path; the content type is nginx's {@code default_type}. */
    record Page(String contentType, String body) {
        static Page json(String body) {
            return new Page("application/json", body);
        }
    }

    private final ServerProcess server;
    private final Path accessLog;
    private final int linesBeforeTests;

    private Nginx(ServerProcess server, Path accessLog) {
        this.server = server;
        this.accessLog = accessLog;
        this.linesBeforeTests = accessLogLines().size();
    }

    /** Starts nginx in {@code dir} serving {@code pages} by exact path; any other path is 404. */
    static Nginx serve(Path dir, Map<String, Page> pages) {
        Path nginx = ServerProcess.program("nginx");
        int port = ServerProcess.freePort();
        try {
            Files.createDirectories(dir.resolve("pages"));
            Files.createDirectories(dir.resolve("temp"));
            StringBuilder locations = new StringBuilder();
            int n = 0;
            for (var route : pages.entrySet()) {
                Path file = dir.resolve("pages").resolve("page-" + n++);
                Files.writeString(file, route.getValue().body(), StandardCharsets.UTF_8);
                locations.append("""
                                location = %s {
                                    default_type "%s";
                                    alias %s;
                                }
                        """.formatted(route.getKey(), route.getValue().contentType(), file));
            }
            Files.writeString(dir.resolve("nginx.conf"), config(dir, port, locations.toString()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // -e: nginx opens its compiled-in error log before it reads the configuration.
        ServerProcess server = ServerProcess.start("nginx",
                List.of(nginx.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                        "-e", dir.resolve("error.log").toString()),
                dir, Map.of(), port);
        return new Nginx(server, dir.resolve("access.log"));
    }

    private static String config(Path dir, int port, String locations) {
        return NginxConf.wrap(dir, """
                    log_format requests '$request_method $request_uri $status "$http_user_agent"';
                    access_log %1$s/access.log requests;

                    server {
                        listen 127.0.0.1:%2$d;
                %3$s
                        location / {
                            return 404;
                        }
                    }
                """.formatted(dir, port, locations));
    }

    URI url() {
        return server.url();
    }

    /** The access log lines written since nginx first answered, i.e. the requests the test made. */
    List<String> requestsSinceStart() {
        List<String> lines = accessLogLines();
        return lines.subList(linesBeforeTests, lines.size());
    }

    private List<String> accessLogLines() {
        try {
            return Files.exists(accessLog) ? Files.readAllLines(accessLog, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
