package dev.preflight.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Express 4 app (Node.js from the machine, express, prom-client, helmet and cors from npm) on
 * a loopback port: JSON health probes and prom-client's default metrics. Its source is interop/express/server.js;
 * the npm packages are installed once into target/interop-npm, from interop/express/package.json
 * (which also holds express-rate-limit, for {@link ActiveExpressApp}).
 */
final class ExpressApp implements AutoCloseable {
    private static final long NPM_INSTALL_SECONDS = 180;
    private static final List<String> PACKAGES = List.of("express", "express-rate-limit", "prom-client", "helmet", "cors");

    private final ServerProcess server;

    private ExpressApp(ServerProcess server) {
        this.server = server;
    }

    static ExpressApp start(Path dir) {
        return start(dir, "");
    }

    /** The same app whose /metrics answers prom-client's metrics as JSON. */
    static ExpressApp withJsonMetrics(Path dir) {
        return start(dir, "metrics-json");
    }

    /** The same app with NODE_ENV=development: Express's default error handler sends the stack. */
    static ExpressApp inDevelopment(Path dir) {
        return start(dir, "", "development");
    }

    /**
     * The same app with a home page that sets a session cookie, in one of the header checks' modes:
     * {@code helmet-defaults}, {@code hardened} or {@code open} (interop/express/server.js).
     */
    static ExpressApp withHeaders(Path dir, String mode) {
        return start(dir, mode);
    }

    private static ExpressApp start(Path dir, String fault) {
        return start(dir, fault, "production");
    }

    private static ExpressApp start(Path dir, String fault, String nodeEnv) {
        Path node = ServerProcess.program("node");
        Path modules = nodeModules();
        Path script = ServerProcess.copyResource("express/server.js", dir);
        int port = ServerProcess.freePort();
        return new ExpressApp(ServerProcess.start("express", List.of(node.toString(), script.toString(), String.valueOf(port), fault),
                dir, Map.of("NODE_PATH", modules.toString(), "NODE_ENV", nodeEnv), port));
    }

    /** The node_modules folder holding the npm packages of the interop apps, installed by npm on first use. */
    static synchronized Path nodeModules() {
        Path root = Path.of(System.getProperty("basedir", "."), "target", "interop-npm").toAbsolutePath();
        Path modules = root.resolve("node_modules");
        if (PACKAGES.stream().allMatch(p -> Files.exists(modules.resolve(p).resolve("package.json")))) {
            return modules;
        }
        Path npm = ServerProcess.program("npm");
        try {
            Files.createDirectories(root);
            ServerProcess.copyResource("express/package.json", root);
            Path log = root.resolve("npm-install.log");
            Process install = new ProcessBuilder(npm.toString(), "install", "--no-audit", "--no-fund", "--loglevel=error")
                    .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!install.waitFor(NPM_INSTALL_SECONDS, TimeUnit.SECONDS)) {
                install.descendants().forEach(ProcessHandle::destroyForcibly);
                install.destroyForcibly();
                fail("npm install of " + PACKAGES + " did not finish in " + NPM_INSTALL_SECONDS + " s:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            if (install.exitValue() != 0) {
                fail("npm install of " + PACKAGES + " failed with exit code " + install.exitValue() + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while npm installed " + PACKAGES);
        }
        return modules;
    }

    URI url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
    }
}
