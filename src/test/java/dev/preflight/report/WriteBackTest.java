package dev.preflight.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.preflight.Preflight;
import dev.preflight.attest.Attestation;
import dev.preflight.attest.AttestationFile;
import dev.preflight.check.Catalog;
import dev.preflight.check.Status;
import dev.preflight.checklist.Checklist;
import dev.preflight.checklist.ChecklistParser;
import dev.preflight.checklist.Item;
import dev.preflight.config.PreflightConfig;
import dev.preflight.engine.RunOptions;
import dev.preflight.engine.Targets;

class WriteBackTest {

    private static final LocalDate DAY_ONE = LocalDate.of(2026, 11, 22);
    private static final LocalDate DAY_TWO = LocalDate.of(2026, 11, 23);
    private static final Pattern COMMENT = Pattern.compile(" ?<!--\\s*preflight:.*?-->");
    private static final Pattern BOX = Pattern.compile("\\[([ xX])]");
    /** A manual item of each real checklist that the tests sign off, so that ATTESTED is written too. */
    private static final Map<String, String> ATTESTED_ITEM = Map.of(
            "flask-image-upscaler.md", "testing/test-file-upload-and-processing",
            "django-file-to-api.md", "database/decide-sqlite-or-postgresql",
            "fastapi-ml-service.md", "post-launch/team-training-train-support-team");

    @TempDir
    Path dir;
    private Path repo;
    private HttpServer server;
    private volatile String metricsBody = "this is not { prometheus text";

    @BeforeEach
    void startTargets() throws IOException {
        repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("README.md"), "# Service\n\nWhat it does, how to run it, and how to deploy it to production.\n");
        Files.writeString(repo.resolve(".env"), "SECRET_KEY=not-in-git-please\n");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> respond(exchange, 200, "{\"status\":\"ok\"}"));
        server.createContext("/metrics", exchange -> respond(exchange, 200, metricsBody));
        server.createContext("/", exchange -> respond(exchange, 404, "not found"));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    static Stream<Arguments> variants() {
        return Stream.of("flask-image-upscaler.md", "django-file-to-api.md", "fastapi-ml-service.md")
                .flatMap(name -> Stream.of(Arguments.of(name, "LF"), Arguments.of(name, "CRLF"), Arguments.of(name, "BOM+CRLF")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("variants")
    void writesOnlyBoxesAndCommentsAndASecondWriteChangesNothing(String name, String variant) throws Exception {
        String original = Files.readString(resource(name));
        String text = switch (variant) {
            case "CRLF" -> original.replace("\n", "\r\n");
            case "BOM+CRLF" -> "\uFEFF" + original.replace("\n", "\r\n");
            default -> original;
        };
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        byte[] before = Files.readAllBytes(file);
        Checklist parsed = new ChecklistParser().parse(file);
        attest(file, parsed.byId().get(ATTESTED_ITEM.get(name)));

        Report report = run(file);
        assertThat(report.items()).extracting(Report.ItemReport::status).contains(Status.PASS, Status.FAIL, Status.ATTESTED);

        assertThat(WriteBack.write(file, report, DAY_ONE)).isTrue();
        String after = Files.readString(file);
        assertOnlyBoxesAndCommentsChanged(text, after, report);
        assertBoxesFollowTheStatuses(text, after, report);
        assertThat(after).startsWith(variant.startsWith("BOM") ? "\uFEFF" : "#");
        assertThat(after.split("\r\n", -1)).hasSize(variant.contains("CRLF") ? text.split("\r\n", -1).length : 1);

        Checklist reparsed = new ChecklistParser().parse(file);
        assertThat(reparsed.items()).extracting(Item::id, Item::line, Item::text, Item::section, Item::parentId)
                .containsExactlyElementsOf(parsed.items().stream()
                        .map(i -> org.assertj.core.groups.Tuple.tuple(i.id(), i.line(), i.text(), i.section(), i.parentId())).toList());

        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        Object inode = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        byte[] written = Files.readAllBytes(file);
        assertThat(WriteBack.write(file, run(file), DAY_TWO)).isFalse();
        assertThat(Files.readAllBytes(file)).isEqualTo(written);
        assertThat(Files.getLastModifiedTime(file).toInstant()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(Files.readAttributes(file, BasicFileAttributes.class).fileKey()).isEqualTo(inode);
        assertThat(written).isNotEqualTo(before);
        assertNoTempFilesLeft(name);
    }

    @Test
    void existingDirectiveWordsAreKept() throws Exception {
        String original = Files.readString(resource("flask-image-upscaler.md"));
        String line = "- [ ] Test health check endpoint";
        String bound = line + " <!-- preflight: id=health-probe http.health path=/health -->";
        Path file = dir.resolve("flask.md");
        Files.writeString(file, original.replace(line + "\n", bound + "\n"));

        WriteBack.write(file, run(file), DAY_ONE);

        assertThat(Files.readAllLines(file)).contains(
                "- [x] Test health check endpoint <!-- preflight: id=health-probe http.health path=/health status=PASS since=2026-11-22 -->");
        assertThat(new ChecklistParser().parse(file).byId()).containsKey("health-probe");
    }

    @Test
    void sinceMovesOnlyWhenTheStatusChanges() throws Exception {
        Path file = dir.resolve("flask.md");
        Files.copy(resource("flask-image-upscaler.md"), file);
        WriteBack.write(file, run(file), DAY_ONE);
        assertThat(Files.readAllLines(file)).contains("- [ ] Verify metrics endpoint <!-- preflight: status=FAIL since=2026-11-22 -->");

        metricsBody = "# TYPE up gauge\nup 1\n";
        assertThat(WriteBack.write(file, run(file), DAY_TWO)).isTrue();

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).contains("- [x] Verify metrics endpoint <!-- preflight: status=PASS since=2026-11-23 -->");
        assertThat(lines).contains("- [x] Test health check endpoint <!-- preflight: status=PASS since=2026-11-22 -->");
        assertNoTempFilesLeft("flask.md");
    }

    @Test
    void theFileKeepsItsPermissions() throws Exception {
        Path file = dir.resolve("flask.md");
        Files.copy(resource("flask-image-upscaler.md"), file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(WriteBack.write(file, run(file), DAY_ONE)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    }

    @Test
    void aLinkedChecklistIsWrittenThroughTheLink() throws Exception {
        Path real = dir.resolve("real.md");
        Files.copy(resource("flask-image-upscaler.md"), real);
        Path link = Files.createSymbolicLink(dir.resolve("link.md"), real.getFileName());
        assertThat(WriteBack.write(link, run(link), DAY_ONE)).isTrue();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).contains("- [x] Test health check endpoint <!-- preflight: status=PASS");
    }

    @Test
    void applyFindsTheBoxBehindAnyContainer() {
        String text = """
                > - [ ] quoted
                1) [X] ordered, upper-case
                -\t[x]\ttabbed
                  * > - [ ] list, quote, list
                -
                  [ ] marker on the line above
                - [ ] mid-line <!-- preflight: manual --> trailing words
                """;
        Map<Integer, Status> statuses = Map.of(1, Status.PASS, 2, Status.PASS, 3, Status.FAIL, 4, Status.ATTESTED,
                6, Status.PASS, 7, Status.MANUAL);
        assertThat(WriteBack.apply(text, report(statuses), DAY_ONE)).isEqualTo("""
                > - [x] quoted <!-- preflight: status=PASS since=2026-11-22 -->
                1) [X] ordered, upper-case <!-- preflight: status=PASS since=2026-11-22 -->
                -\t[ ]\ttabbed <!-- preflight: status=FAIL since=2026-11-22 -->
                  * > - [x] list, quote, list <!-- preflight: status=ATTESTED since=2026-11-22 -->
                -
                  [x] marker on the line above <!-- preflight: status=PASS since=2026-11-22 -->
                - [ ] mid-line <!-- preflight: manual status=MANUAL since=2026-11-22 --> trailing words
                """);
    }

    @Test
    void statusesOtherThanPassFailAndAttestedLeaveTheBoxAlone() {
        String text = "- [x] a\n- [ ] b\n- [x] c\n- [ ] d\n- [x] e\n";
        Map<Integer, Status> statuses = Map.of(1, Status.ERROR, 2, Status.SKIP, 3, Status.WARN, 4, Status.WAIVED, 5, Status.MANUAL);
        String after = WriteBack.apply(text, report(statuses), DAY_ONE);
        assertThat(after.lines().map(l -> l.substring(0, 5))).containsExactly("- [x]", "- [ ]", "- [x]", "- [ ]", "- [x]");
    }

    @Test
    void aLineThatIsNoLongerAnItemIsLeftAlone() {
        String text = "# moved\n- [ ] item\n";
        assertThat(WriteBack.apply(text, report(Map.of(1, Status.PASS)), DAY_ONE)).isEqualTo(text);
    }

    // --- helpers ---

    private Report run(Path file) throws Exception {
        Targets targets = new Targets(repo, List.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort())), List.of());
        return new Preflight(Catalog.standard(), PreflightConfig.EMPTY).check(file, targets, RunOptions.defaults());
    }

    private static void attest(Path checklist, Item item) throws IOException {
        assertThat(item).as("the item to attest").isNotNull();
        new AttestationFile(List.of(), List.of())
                .with(new Attestation(item.id(), item.text(), "Ada Admin", "ops", Instant.parse("2026-11-20T10:00:00Z"), null, null))
                .save(AttestationFile.beside(checklist));
    }

    private static void assertOnlyBoxesAndCommentsChanged(String before, String after, Report report) {
        List<String> old = linesWithEnds(before);
        List<String> now = linesWithEnds(after);
        assertThat(now).hasSameSizeAs(old);
        Map<Integer, Status> byLine = statusByLine(report);
        for (int i = 0; i < old.size(); i++) {
            if (old.get(i).equals(now.get(i))) {
                continue;
            }
            assertThat(byLine).as("line %d changed but holds no item", i + 1).containsKey(i + 1);
            assertThat(normalize(now.get(i))).as("line %d", i + 1).isEqualTo(normalize(old.get(i)));
            assertThat(now.get(i)).as("line %d", i + 1).contains("status=" + byLine.get(i + 1) + " since=");
        }
    }

    private static void assertBoxesFollowTheStatuses(String before, String after, Report report) {
        List<String> old = linesWithEnds(before);
        List<String> now = linesWithEnds(after);
        for (Report.ItemReport item : report.items()) {
            String was = box(old.get(item.line() - 1));
            String is = box(now.get(item.line() - 1));
            switch (item.status()) {
                case PASS, ATTESTED -> assertThat(is).as("%s at line %d", item.status(), item.line()).isIn("x", "X");
                case FAIL -> assertThat(is).as("FAIL at line %d", item.line()).isEqualTo(" ");
                default -> assertThat(is).as("%s at line %d", item.status(), item.line()).isEqualTo(was);
            }
        }
    }

    private static String normalize(String line) {
        return BOX.matcher(COMMENT.matcher(line).replaceAll("")).replaceFirst("[ ]");
    }

    private static String box(String line) {
        Matcher m = BOX.matcher(line);
        assertThat(m.find()).as("a box on '%s'", line).isTrue();
        return m.group(1);
    }

    private static List<String> linesWithEnds(String text) {
        return List.of(text.split("(?<=\\n)|(?<=\\r)(?!\\n)"));
    }

    private static Map<Integer, Status> statusByLine(Report report) {
        Map<Integer, Status> map = new HashMap<>();
        report.items().forEach(i -> map.put(i.line(), i.status()));
        return map;
    }

    /** The atomic write goes through a temporary file beside the checklist; none may stay behind. */
    private void assertNoTempFilesLeft(String checklistName) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .contains(checklistName)
                    .isSubsetOf(checklistName, "repo", AttestationFile.NAME);
        }
    }

    private static Report report(Map<Integer, Status> statuses) {
        List<Report.ItemReport> items = statuses.entrySet().stream()
                .map(e -> new Report.ItemReport("i" + e.getKey(), e.getKey(), "text", List.of(), null, false, e.getValue(),
                        false, true, null, List.of(), null, null))
                .toList();
        return new Report(Report.SCHEMA, new Report.Tool("preflight", "test"), new Report.ChecklistInfo("c.md", items.size()),
                Report.Verdict.NO_GO, Map.of(), null, List.of(), List.of(), items, Instant.EPOCH, 0, false);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Path resource(String name) throws Exception {
        return Path.of(WriteBackTest.class.getResource("/checklists/" + name).toURI());
    }
}
