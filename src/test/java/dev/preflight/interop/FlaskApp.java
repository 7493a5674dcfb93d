package dev.preflight.interop;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real Flask app (Debian's python3-flask on Debian's python3, Flask's builtin server) on a loopback
 * port: JSON health probes and prometheus_client's text metrics. Its source is interop/flask/app.py.
 */
final class FlaskApp implements AutoCloseable {
    /** Debian's interpreter, which bin/install-test-packages equips: a python3 earlier on PATH may lack the packages. */
    static final Path PYTHON = Path.of("/usr/bin/python3");

    private final ServerProcess server;

    private FlaskApp(ServerProcess server) {
        this.server = server;
    }

    static FlaskApp start(Path dir) {
        return start(dir, "");
    }

    /** The same app whose /health answers 500, as when its database is down. */
    static FlaskApp withFailingHealth(Path dir) {
        return start(dir, "health-500");
    }

    /** The same app in debug mode: the Werkzeug debugger answers unhandled exceptions and serves /console. */
    static FlaskApp withDebug(Path dir) {
        return start(dir, "debug");
    }

    private static FlaskApp start(Path dir, String fault) {
        return new FlaskApp(python("flask", "flask/app.py", dir, fault));
    }

    /** Runs {@code python3 app.py PORT FAULT} from a copy of the resource in {@code dir}. */
    static ServerProcess python(String name, String resource, Path dir, String fault) {
        Path python = ServerProcess.program(PYTHON);
        Path app = ServerProcess.copyResource(resource, dir);
        int port = ServerProcess.freePort();
        return ServerProcess.start(name, List.of(python.toString(), app.toString(), String.valueOf(port), fault), dir,
                Map.of("PYTHONUNBUFFERED", "1", "PYTHONDONTWRITEBYTECODE", "1"), port);
    }

    URI url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
    }
}
