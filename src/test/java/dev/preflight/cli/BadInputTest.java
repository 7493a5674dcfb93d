package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/**
 * Bad usage and bad input, through the real launcher in its own JVM: exit code 2, one line on
 * standard error starting "preflight: ", no stack trace, nothing on standard output.
 */
class BadInputTest {

    @TempDir
    Path dir;

    // --- the checklist file ---

    @Test
    void missingFile() throws Exception {
        assertBadInput(run("check", "missing.md"), "preflight: missing.md: no such file");
    }

    @Test
    void directory() throws Exception {
        Files.createDirectory(dir.resolve("docs"));
        assertBadInput(run("check", "docs"), "preflight: docs: is a directory; give the checklist's Markdown file");
    }

    @Test
    void binaryFile() throws Exception {
        Files.write(dir.resolve("logo.md"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13});
        assertBadInput(run("check", "logo.md"), "preflight: logo.md:3: binary content (a NUL byte); a checklist is a Markdown text file");
    }

    @Test
    void fiftyMegabyteFile() throws Exception {
        byte[] line = "- [ ] The same item again and again\n".getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(dir.resolve("huge.md"))) {
            for (long written = 0; written < 50L * 1024 * 1024; written += line.length) {
                out.write(line);
            }
        }
        assertBadInput(run("check", "huge.md"), "preflight: huge.md: 50.0 MB is too large for a checklist (the limit is 10 MB)");
    }

    @Test
    void invalidUtf8() throws Exception {
        Files.write(dir.resolve("latin1.md"), "# Checks\n- [ ] Caf\u00e9 open\n".getBytes(StandardCharsets.ISO_8859_1));
        assertBadInput(run("check", "latin1.md"), "preflight: latin1.md:2: not valid UTF-8 (byte 0xE9); save the checklist as UTF-8");
    }

    @Test
    void hundredThousandCharacterLine() throws Exception {
        Files.writeString(dir.resolve("long.md"), "# Checks\n- [ ] " + "x".repeat(100_000) + "\n");
        assertBadInput(run("check", "long.md"),
                "preflight: long.md:2: line is 100,006 characters long; a checklist line may have at most 20,000");
    }

    @Test
    void lintReadsTheSameWay() throws Exception {
        Files.write(dir.resolve("latin1.md"), "- [ ] Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertBadInput(run("lint", "latin1.md"), "preflight: latin1.md:1: not valid UTF-8 (byte 0xE9); save the checklist as UTF-8");
        assertBadInput(run("lint", "missing.md"), "preflight: missing.md: no such file");
    }

    @Test
    void checklistWithoutItems() throws Exception {
        Files.writeString(dir.resolve("notes.md"), "# Notes\n\nNothing to tick here.\n");
        assertBadInput(run("check", "notes.md"), "preflight: notes.md: no task-list items ('- [ ] ...') found");
    }

    // --- directives ---

    @Test
    void unknownCheckInADirective() throws Exception {
        checklist("- [ ] Health <!-- preflight: http.healthz -->");
        assertBadInput(run("check", "checklist.md"), "preflight: checklist.md:3: unknown check 'http.healthz' (see 'preflight list-checks')");
    }

    @Test
    void unknownParameterInADirective() throws Exception {
        checklist("- [ ] Health <!-- preflight: http.health burst=40 -->");
        assertBadInput(run("check", "checklist.md"), "preflight: checklist.md:3: http.health has no parameter 'burst' (it takes: latency, path)");
    }

    @Test
    void badParameterValueInADirective() throws Exception {
        checklist("- [ ] Health <!-- preflight: http.health latency=fast -->");
        assertThat(assertBadInput(run("check", "checklist.md"))).startsWith("preflight: checklist.md:3: ");
    }

    @Test
    void malformedDirective() throws Exception {
        checklist("- [ ] Health <!-- preflight: path=/h -->");
        assertBadInput(run("check", "checklist.md"),
                "preflight: checklist.md:3: parameter 'path=/h' comes before any check id in preflight comment");
    }

    // --- preflight.yaml ---

    @Test
    void malformedConfigNamesLineAndColumn() throws Exception {
        checklist("- [ ] Test health check endpoint");
        Files.writeString(dir.resolve("preflight.yaml"), "targets:\n  repo: .\n    urls: [http://127.0.0.1\n");
        assertThat(assertBadInput(run("check", "checklist.md"))).matches("preflight: preflight\\.yaml:\\d+:\\d+: .+");
    }

    @Test
    void unclosedFlowSequenceInConfig() throws Exception {
        checklist("- [ ] Test health check endpoint");
        Files.writeString(dir.resolve("preflight.yaml"), "blocking: [Security, Ops\n");
        assertThat(assertBadInput(run("check", "checklist.md", "--config", "preflight.yaml")))
                .matches("preflight: preflight\\.yaml:\\d+:\\d+: .+");
    }

    @Test
    void unknownKeyInConfig() throws Exception {
        checklist("- [ ] Test health check endpoint");
        Files.writeString(dir.resolve("preflight.yaml"), "targets:\n  repo: .\ntargetz: 1\n");
        assertThat(assertBadInput(run("check", "checklist.md")))
                .startsWith("preflight: preflight.yaml:3:1: unknown key 'targetz' (known here: ");
    }

    @Test
    void missingConfigFile() throws Exception {
        checklist("- [ ] Test health check endpoint");
        assertBadInput(run("check", "checklist.md", "--config", "nope.yaml"), "preflight: nope.yaml: no such file");
    }

    @Test
    void environmentNotInTheConfig() throws Exception {
        checklist("- [ ] Test health check endpoint");
        assertThat(assertBadInput(run("check", "checklist.md", "--env", "prod")))
                .startsWith("preflight: --env prod: no such environment in the config");
    }

    // --- options ---

    @Test
    void invalidUrls() throws Exception {
        checklist("- [ ] Test health check endpoint");
        assertBadInput(run("check", "checklist.md", "--url", "notaurl"),
                "preflight: invalid URL 'notaurl': it must start with http:// or https://");
        assertBadInput(run("check", "checklist.md", "--url", "ftp://x"),
                "preflight: invalid URL 'ftp://x': it must start with http:// or https://");
        assertThat(assertBadInput(run("check", "checklist.md", "--url", "http://"))).startsWith("preflight: invalid URL 'http://': ");
    }

    @Test
    void invalidDatabaseUrlsNeverShowThePassword() throws Exception {
        checklist("- [ ] Database connection verified");
        assertBadInput(run("check", "checklist.md", "--db", "oracle://scott:tiger@db/app"),
                "preflight: invalid database URL 'oracle://scott:***@db/app': unknown database kind 'oracle':"
                + " expected postgresql, postgres, mysql, mariadb, sqlite or redis");
        assertBadInput(run("check", "checklist.md", "--db", "postgresql://app:pw@db:0/app"),
                "preflight: invalid database URL 'postgresql://app:***@db:0/app': port '0' is not a number from 1 to 65535");
    }

    @Test
    void unknownOption() throws Exception {
        checklist("- [ ] Test health check endpoint");
        assertBadInput(run("check", "checklist.md", "--bogus"),
                "preflight: Unknown option: '--bogus' (run 'preflight check --help' for usage)");
    }

    @Test
    void optionWithoutItsValue() throws Exception {
        checklist("- [ ] Test health check endpoint");
        assertThat(assertBadInput(run("check", "checklist.md", "--url"))).startsWith("preflight: Missing required parameter for option '--url'");
    }

    @Test
    void unknownCommand() throws Exception {
        assertThat(assertBadInput(run("chekc"))).startsWith("preflight: Unmatched argument at index 0: 'chekc'");
    }

    @Test
    void unknownFormat() throws Exception {
        checklist("- [ ] Test health check endpoint");
        assertBadInput(run("check", "checklist.md", "--format", "xml"),
                "preflight: --format xml is not one of text, json, markdown, junit, sarif, html");
    }

    @Test
    void missingCaCertFile() throws Exception {
        checklist("- [ ] Test health check endpoint");
        assertBadInput(run("check", "checklist.md", "--ca-cert", "nope.pem"), "preflight: --ca-cert nope.pem: no such file");
    }

    @Test
    void missingOsvDirectory() throws Exception {
        checklist("- [ ] Pin all dependency versions");
        assertBadInput(run("check", "checklist.md", "--osv", "no-such-export"), "preflight: --osv no-such-export: not a directory");
    }

    @Test
    void caCertThatIsNoCertificate() throws Exception {
        checklist("- [ ] Test health check endpoint");
        Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
        assertBadInput(run("check", "checklist.md", "--ca-cert", "ca.pem"),
                "preflight: --ca-cert ca.pem: not a readable PEM file of CA certificates");
    }

    @Test
    void headerWithoutColonDoesNotEchoItsValue() throws Exception {
        checklist("- [ ] Test health check endpoint");
        String line = assertBadInput(run("check", "checklist.md", "--header", "X-Api-Key s3cr3t-value"));
        assertThat(line).startsWith("preflight: --header needs 'Name: value'").doesNotContain("s3cr3t");
    }

    @Test
    void repoThatIsNotADirectory() throws Exception {
        checklist("- [ ] Ensure .env is in .gitignore");
        assertBadInput(run("check", "checklist.md", "--repo", "nowhere"), "preflight: --repo nowhere: not a directory");
    }

    @Test
    void hostRootThatIsNotADirectory() throws Exception {
        checklist("- [ ] Disable root SSH login");
        assertBadInput(run("check", "checklist.md", "--host-root", "nowhere"), "preflight: --host-root nowhere: not a directory");
    }

    @Test
    void hostAndHostRootTogether() throws Exception {
        checklist("- [ ] Disable root SSH login");
        Files.createDirectories(dir.resolve("image"));
        assertBadInput(run("check", "checklist.md", "--host", "--host-root", "image"),
                "preflight: --host and --host-root image: give one (--host is the machine Preflight runs on)");
    }

    // --- a target that cannot be reached is a result, not a crash ---

    @Test
    void refusedConnectionIsErrorInAReport() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        checklist("- [ ] Test health check endpoint\n- [ ] Verify metrics endpoint");
        CliProcess r = run("check", "checklist.md", "--url", "http://127.0.0.1:" + port, "--format", "json");
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
        assertThat(r.stdout()).contains("\"verdict\" : \"NO_GO\"").contains("\"status\" : \"ERROR\"").doesNotContain("\"status\" : \"PASS\"");
        assertThat(r.stderr()).doesNotContain("Exception").doesNotContain("at dev.");
    }

    @Test
    void headerValuesNeverAppearInAnyOutput() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            seen.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Api-Key")));
            byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/health") ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            checklist("- [ ] Test health check endpoint\n- [ ] Verify metrics endpoint");
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            List<String> outputs = new ArrayList<>();
            for (String format : List.of("text", "json")) {
                CliProcess r = run("check", "checklist.md", "--url", url, "--header", "X-Api-Key: s3cr3t-value", "--format", format);
                assertThat(r.exitCode()).as(r.stderr()).isIn(0, 1);
                outputs.add(r.stdout());
                outputs.add(r.stderr());
            }
            CliProcess toFile = run("check", "checklist.md", "--url", url, "--header", "X-Api-Key: s3cr3t-value", "--out", "report.json");
            outputs.add(toFile.stdout());
            outputs.add(toFile.stderr());
            outputs.add(Files.readString(dir.resolve("report.json")));
            assertThat(seen).as("the header was sent").contains("s3cr3t-value");
            assertThat(outputs).allSatisfy(o -> assertThat(o).doesNotContain("s3cr3t"));
        } finally {
            server.stop(0);
        }
    }

    // --- helpers ---

    private void checklist(String items) throws IOException {
        Files.writeString(dir.resolve("checklist.md"), "# Checks\n\n" + items + "\n");
    }

    /** Asserts the shape every bad input shares and returns the one line of standard error. */
    private static String assertBadInput(CliProcess r) {
        assertThat(r.exitCode()).as("exit code; stderr: %s", r.stderr()).isEqualTo(2);
        assertThat(r.stdout()).as("stdout").isEmpty();
        assertThat(r.stderr()).as("stderr").startsWith("preflight: ").endsWith("\n")
                .doesNotContain("Exception").doesNotContain("at dev.");
        assertThat(r.stderr().lines()).as("stderr lines").hasSize(1);
        return r.stderr().strip();
    }

    private static void assertBadInput(CliProcess r, String expectedLine) {
        assertThat(assertBadInput(r)).isEqualTo(expectedLine);
    }

    private CliProcess run(String... args) throws IOException, InterruptedException {
        return CliProcess.run(dir, args);
    }
}
