package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import dev.preflight.collect.redis.ScratchRedis;

/** {@code preflight check} end to end: exit codes, streams, --out, --write, against a real loopback server. */
class CheckCommandTest {
    @TempDir
    Path dir;
    private HttpServer server;
    private String url;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/health", exchange -> {
            byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/metrics", exchange -> {
            // A careless server that echoes the caller's credentials back into its body.
            byte[] body = ("auth " + exchange.getRequestHeaders().getFirst("Authorization") + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
        Files.writeString(dir.resolve(".gitignore"), ".env\n");
        Files.writeString(dir.resolve("README.md"), "# Service\n\nHow to run it, configure it and deploy it, in some detail.\n");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Path checklist(String text) throws IOException {
        Path file = dir.resolve("CHECKLIST.md");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void allVerifiedItemsPassingIsGoWithExitZero() throws Exception {
        checklist("# Launch\n- [ ] Health check endpoint\n- [ ] Ensure .env is in .gitignore\n- [ ] README.md - overview\n");

        CliProcess run = CliProcess.run(dir, "check", "CHECKLIST.md", "--repo", ".", "--url", url);

        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        assertThat(run.stdout()).contains("Verdict: GO");
    }

    @Test
    void databaseItemsRunAgainstTheDbUrlsGivenAndADownServerIsAnErrorLineWithoutThePassword() throws Exception {
        Path db = dir.resolve("app.db");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db); java.sql.Statement s = c.createStatement()) {
            s.execute("pragma journal_mode=wal");
            s.execute("create table t (x)");
        }
        checklist("# Data\n- [ ] SQLite WAL mode enabled\n");

        CliProcess pass = CliProcess.run(dir, "check", "CHECKLIST.md", "--db", "app.db");

        assertThat(pass.exitCode()).as(pass.stdout() + pass.stderr()).isZero();
        assertThat(pass.stdout()).contains("journal_mode wal, integrity_check ok").contains("Verdict: GO");

        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        checklist("# Data\n- [ ] Database connection verified\n");
        CliProcess down = CliProcess.run(dir, "check", "CHECKLIST.md", "--db", "postgresql://app:hunter2-pw@127.0.0.1:" + closed + "/app");

        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.stdout()).contains("connection refused at 127.0.0.1:" + closed).doesNotContain("hunter2").doesNotContain("Exception");
        assertThat(down.stderr()).doesNotContain("hunter2").doesNotContain("Exception");
    }

    @Test
    void aRedissUrlPassesWithTheServersCaGivenAsCaCertAndFailsAsAnErrorLineWithoutIt() throws Exception {
        checklist("# Cache\n- [ ] Redis connectivity verified\n");
        try (ScratchRedis redis = ScratchRedis.startTls("--requirepass", "Cli-tls-pass-5")) {
            Path ca = dir.resolve("redis-ca.pem");
            Files.copy(redis.certificate(), ca);

            CliProcess pass = CliProcess.run(dir, "check", "CHECKLIST.md", "--db", redis.url("Cli-tls-pass-5").text(), "--ca-cert", ca.toString());

            assertThat(pass.exitCode()).as(pass.stdout() + pass.stderr()).isZero();
            assertThat(pass.stdout()).contains("answers at 127.0.0.1:" + redis.port()).contains("Verdict: GO").doesNotContain("Cli-tls-pass-5");

            CliProcess untrusted = CliProcess.run(dir, "check", "CHECKLIST.md", "--db", redis.url("Cli-tls-pass-5").text());

            assertThat(untrusted.exitCode()).isEqualTo(1);
            assertThat(untrusted.stdout()).contains("the TLS certificate of 127.0.0.1:" + redis.port() + " is not trusted (give its CA with --ca-cert)")
                    .doesNotContain("Cli-tls-pass-5").doesNotContain("Exception");
        }
    }

    @Test
    void aFailingItemIsNoGoWithExitOneAndAFalseClaim() throws Exception {
        checklist("# Launch\n- [x] Verify metrics endpoint\n- [ ] Health check endpoint\n");

        CliProcess run = CliProcess.run(dir, "check", "CHECKLIST.md", "--url", url);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).contains("False claims").contains("Verdict: NO-GO");
    }

    @Test
    void planPrintsTheRequestsAndSendsNone() throws Exception {
        checklist("# Launch\n- [ ] Health check endpoint\n- [ ] Verify metrics endpoint\n- [ ] Ensure .env is in .gitignore\n");
        java.util.concurrent.atomic.AtomicInteger hits = new java.util.concurrent.atomic.AtomicInteger();
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
        });

        CliProcess run = CliProcess.run(dir, "check", "CHECKLIST.md", "--url", url, "--plan", "--header", "Authorization: Bearer s3cr3t-token");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("passive checks only").contains("  GET " + url + "/health").contains("  GET " + url + "/metrics")
                .contains("--header values given (Authorization)").doesNotContain("s3cr3t");
        assertThat(hits).hasValue(0);
    }

    @Test
    void jsonWithoutOutPrintsOnlyTheJsonReport() throws Exception {
        checklist("# Launch\n- [ ] Health check endpoint\n- [ ] Announce the launch\n");

        CliProcess run = CliProcess.run(dir, "check", "CHECKLIST.md", "--url", url, "--format", "json");

        JsonNode report = new ObjectMapper().readTree(run.stdout());
        assertThat(report.get("schema").asText()).isEqualTo("preflight-report/1");
        assertThat(report.get("verdict").asText()).isEqualTo("NO_GO");
        assertThat(report.get("items")).hasSize(2);
        assertThat(report.get("items").get(0).get("checks").get(0).get("status").asText()).isEqualTo("PASS");
    }

    @Test
    void outWritesTheFileInTheFormatItsExtensionNames() throws Exception {
        checklist("# Launch\n- [ ] Health check endpoint\n");

        CliProcess run = CliProcess.run(dir, "check", "CHECKLIST.md", "--url", url, "--out", "report.json");

        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).contains("report written to report.json");
        assertThat(new ObjectMapper().readTree(dir.resolve("report.json").toFile()).get("verdict").asText()).isEqualTo("GO");
    }

    @Test
    void writeTicksPassingItemsAndIsStableTheSecondTime() throws Exception {
        Path file = checklist("# Launch\n- [ ] Health check endpoint\n- [x] Verify metrics endpoint\n");

        CliProcess.run(dir, "check", "CHECKLIST.md", "--url", url, "--write");
        String once = Files.readString(file);
        CliProcess.run(dir, "check", "CHECKLIST.md", "--url", url, "--write");

        assertThat(once).contains("- [x] Health check endpoint <!-- preflight: status=PASS since=")
                .contains("- [ ] Verify metrics endpoint <!-- preflight: status=FAIL since=");
        assertThat(Files.readString(file)).isEqualTo(once);
    }

    @Test
    void aCredentialEchoedByTheServerNeverReachesAnyFormat() throws Exception {
        checklist("# Launch\n- [x] Verify metrics endpoint\n");

        for (String format : java.util.List.of("text", "json", "markdown", "junit", "sarif", "html")) {
            CliProcess run = CliProcess.run(dir, "check", "CHECKLIST.md", "--url", url, "--format", format,
                    "--header", "Authorization: Bearer SECRET-TOKEN-123");

            assertThat(run.stdout()).as(format).doesNotContain("SECRET-TOKEN-123");
            if (format.equals("json")) {
                assertThat(run.stdout()).as("the echo is in the evidence, masked").contains("auth Bear…(redacted)");
            }
            assertThat(run.stderr()).doesNotContain("SECRET-TOKEN-123");
        }
    }

    @Test
    void withNoTargetTheReportSaysNothingWasVerified() throws Exception {
        checklist("# Launch\n- [ ] Health check endpoint\n");

        CliProcess run = CliProcess.run(dir, "check", "CHECKLIST.md");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).contains("no --url given").contains("against nothing (no target given)");
    }

    @Test
    void hostRootChecksAMountedRootAndWithoutItHostItemsAreUnverified() throws Exception {
        checklist("# Server\n- [ ] Disable root SSH login\n- [ ] Use SSH keys only (disable password auth)\n");
        Path good = Path.of(getClass().getResource("/fixtures/host/good").toURI());
        Path cloudInit = Path.of(getClass().getResource("/fixtures/host/cloud-init").toURI());

        CliProcess passing = CliProcess.run(dir, "check", "CHECKLIST.md", "--host-root", good.toString());
        CliProcess failing = CliProcess.run(dir, "check", "CHECKLIST.md", "--host-root", cloudInit.toString());
        CliProcess none = CliProcess.run(dir, "check", "CHECKLIST.md");

        assertThat(passing.exitCode()).as(passing.stdout() + passing.stderr()).isZero();
        assertThat(passing.stdout()).contains("Verdict: GO");
        assertThat(failing.exitCode()).isEqualTo(1);
        assertThat(failing.stdout()).contains("50-cloud-init.conf:1: PasswordAuthentication yes (wanted: no)");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.stdout()).contains("no --host given");
    }
}
