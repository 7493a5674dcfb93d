package dev.preflight.interop;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real Express 4 API with express-rate-limit from npm (interop/express/active.js): {@code /api/limited}
 * allows 20 requests a minute per client and sends the draft-7 {@code RateLimit} and the legacy
 * {@code X-RateLimit-*} headers; {@code /api/open} has no limit.
 */
final class ActiveExpressApp implements AutoCloseable {
    private final ServerProcess server;

    private ActiveExpressApp(ServerProcess server) {
        this.server = server;
    }

    static ActiveExpressApp start(Path dir) {
        Path node = ServerProcess.program("node");
        Path modules = ExpressApp.nodeModules();
        Path script = ServerProcess.copyResource("express/active.js", dir);
        int port = ServerProcess.freePort();
        return new ActiveExpressApp(ServerProcess.start("express-active", List.of(node.toString(), script.toString(), String.valueOf(port)),
                dir, Map.of("NODE_PATH", modules.toString(), "NODE_ENV", "production"), port));
    }

    URI url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
    }
}
