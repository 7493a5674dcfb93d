package dev.preflight.interop;

import java.net.URI;
import java.nio.file.Path;

/**
 * A real one-file Django project (Debian's python3-django, {@code runserver --noreload}) on a
 * loopback port: JSON health probes and prometheus_client's OpenMetrics text. Its source is
 * interop/django/app.py.
 */
final class DjangoApp implements AutoCloseable {
    private final ServerProcess server;

    private DjangoApp(ServerProcess server) {
        this.server = server;
    }

    static DjangoApp start(Path dir) {
        return start(dir, "");
    }

    /** The same project whose /health answers 200 with no body. */
    static DjangoApp withEmptyHealth(Path dir) {
        return start(dir, "health-empty");
    }

    /** The same project with DEBUG = True: technical 404 and 500 pages. */
    static DjangoApp withDebug(Path dir) {
        return start(dir, "debug");
    }

    private static DjangoApp start(Path dir, String fault) {
        return new DjangoApp(FlaskApp.python("django", "django/app.py", dir, fault));
    }

    URI url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
    }
}
