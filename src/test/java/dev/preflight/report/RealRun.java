package dev.preflight.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.preflight.load.Scenarios;
import dev.preflight.Preflight;
import dev.preflight.attest.Attestation;
import dev.preflight.attest.AttestationFile;
import dev.preflight.attest.Waiver;
import dev.preflight.check.Catalog;
import dev.preflight.checklist.Item;
import dev.preflight.config.PreflightConfig;
import dev.preflight.engine.RunOptions;
import dev.preflight.engine.Targets;

/**
 * Reports from the real pipeline for the writer tests: the real Flask checklist copied to a temp
 * directory with one false claim ticked and a section of hostile items appended, a real git repository
 * that tracks its {@code .env}, a real loopback HTTP server, a real attestation and waiver, and a
 * credential header on every probe.
 */
final class RealRun implements AutoCloseable {
    static final String SECRET = "SECRET-TOKEN-123";
    static final String HOSTILE_SECTION = "Hostile <script>alert(\"s\")</script> & ]]>";
    static final String HOSTILE_FAIL = "Secrets <b>never</b> committed: .env in .gitignore & \"double\" 'single' ]]>";
    static final String HOSTILE_PASS = "<script>alert(1)</script> health & ]]> | pipe";
    static final String HOSTILE_MANUAL = "Sign-off by @oncall stars link <img src=x onerror=alert(1)>";
    static final String ATTESTED = "Test file upload and processing";
    static final String WAIVED = "Readiness probe answers";
    static final String SLOW = "Liveness probe answers fast";
    static final String FALSE_CLAIM = "Verify metrics endpoint";

    private static final String APPENDIX = """

            ## Hostile `<script>alert("s")</script>` & ]]>
            - [x] Secrets `<b>never</b>` committed: .env in .gitignore & "double" 'single' ]]> <!-- preflight: repo.env-ignored -->
            - [ ] `<script>alert(1)</script>` health & ]]> | pipe <!-- preflight: http.health path=/health -->
            - [ ] Sign-off by @oncall *stars* [link](javascript:alert(1)) `<img src=x onerror=alert(1)>`
            - [ ] Readiness probe answers <!-- preflight: http.health path=/missing -->
            - [ ] Liveness probe answers fast <!-- preflight: http.health path=/slow latency=10ms -->
            """;

    final Path dir;
    final Path checklist;
    final Path repo;
    final HttpServer server;
    final List<String> authorizationSeen = new CopyOnWriteArrayList<>();

    private RealRun(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        this.checklist = dir.resolve("PRODUCTION_CHECKLIST.md");
        String text = Files.readString(realChecklist("flask-image-upscaler.md"), StandardCharsets.UTF_8);
        assertThat(text).contains("- [ ] " + FALSE_CLAIM);
        Files.writeString(checklist, text.replace("- [ ] " + FALSE_CLAIM, "- [x] " + FALSE_CLAIM) + APPENDIX);

        this.repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve(".env"), "JWT_SECRET=change-me\n");
        Files.writeString(repo.resolve("README.md"), "# Upscaler\n\nResizes images.\n");
        git("init", "-q");
        git("add", "-A");

        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    /** A run in {@code dir}; close it to stop its server. */
    static RealRun in(Path dir) throws IOException, InterruptedException {
        return new RealRun(dir);
    }

    /** A real checklist, as copied byte for byte into the test resources. */
    static Path realChecklist(String name) {
        try {
            return Path.of(java.util.Objects.requireNonNull(RealRun.class.getResource("/checklists/" + name), name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    RunOptions options() {
        RunOptions d = RunOptions.defaults();
        return new RunOptions(false, d.checkTimeout(), d.runDeadline(), Map.of("Authorization", "Bearer " + SECRET),
                d.requestTimeout(), null, null, null, Scenarios.NONE);
    }

    /** The full report: passes, failures, a warning, a waiver, false claims, manual and attested items. */
    Report report() throws Exception {
        signOffs();
        Report report = preflight().check(checklist, new Targets(repo, List.of(url()), List.of()), options());
        assertThat(authorizationSeen).as("the probes carried the credential header").contains("Bearer " + SECRET);
        return report;
    }

    /** The same checklist against a URL nothing listens on: the live checks ERROR. */
    Report unreachableReport() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + port);
        return preflight().check(checklist, new Targets(repo, List.of(nowhere), List.of()), options());
    }

    static Report.ItemReport item(Report report, String text) {
        return report.items().stream().filter(i -> i.text().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no item '" + text + "' in the report"));
    }

    private static Preflight preflight() {
        return new Preflight(Catalog.standard(), PreflightConfig.EMPTY);
    }

    private void signOffs() throws Exception {
        List<Item> items = preflight().read(checklist).items();
        Item attested = items.stream().filter(i -> i.text().equals(ATTESTED)).findFirst().orElseThrow();
        Item readiness = items.stream().filter(i -> i.text().equals(WAIVED)).findFirst().orElseThrow();
        new AttestationFile(
                List.of(new Attestation(attested.id(), attested.text(), "Dana <b>Ops</b>", "SRE & on-call",
                        Instant.parse("2026-11-01T10:00:00Z"), LocalDate.now().plusDays(90), "ports 80/443 only; see \"fw.md\"")),
                List.of(new Waiver(readiness.id(), "probe ships next sprint <i>promise</i>", "Lee", LocalDate.now().plusDays(30))))
                .save(AttestationFile.beside(checklist));
    }

    private void answer(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth != null) {
            authorizationSeen.add(auth);
        }
        String path = exchange.getRequestURI().getPath();
        int status = 200;
        String body;
        switch (path) {
            case "/health" -> body = "{\"status\":\"ok\"}";
            case "/slow" -> {
                sleep(60);
                body = "{\"status\":\"ok\"}";
            }
            case "/metrics" -> body = "<script>alert('m')</script> & ]]> is not Prometheus text\n";
            default -> {
                status = 404;
                body = "not found";
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void git(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("git %s: %s", String.join(" ", args), output).isZero();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
