package dev.preflight.checks.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpHandler;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.preflight.check.CheckContext;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Status;
import dev.preflight.collect.HttpProbe;
import dev.preflight.collect.LocalServer;
import dev.preflight.collect.RequestLog;

class UploadRefusalCheckTest {
    private static final long MIB = 1 << 20;
    private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]+)\"");

    private LocalServer server;
    /** What each POST carried: its file name and the body bytes the server read. */
    private final List<String> posts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = LocalServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Outcome check(String item, Map<String, String> params) {
        return check(item, params, server.probe());
    }

    private static Outcome check(String item, Map<String, String> params, HttpProbe probe) {
        return new UploadRefusalCheck().run(new CheckContext(new Params(params), item, null, probe, true));
    }

    /**
     * An upload handler: 405 to GET; 413 on the Content-Length alone when it exceeds {@code limit}
     * (0: no limit), without reading the body; otherwise reads the body and answers {@code typeStatus}
     * for a file not ending in .png, 201 for one that does.
     */
    private HttpHandler uploads(long limit, int tooLargeStatus, int typeStatus) {
        return exchange -> {
            if (!exchange.getRequestMethod().equals("POST")) {
                LocalServer.respond(exchange, 405, "text/plain", "POST only");
                return;
            }
            long declared = Long.parseLong(exchange.getRequestHeaders().getFirst("Content-Length"));
            if (limit > 0 && declared > limit) {
                posts.add("refused unread, declared " + declared);
                LocalServer.respond(exchange, tooLargeStatus, "text/plain", "too large");
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            Matcher name = FILENAME.matcher(new String(body, 0, Math.min(body.length, 512), StandardCharsets.ISO_8859_1));
            String file = name.find() ? name.group(1) : "";
            posts.add(file + " " + body.length);
            boolean png = file.endsWith(".png");
            LocalServer.respond(exchange, png ? 201 : typeStatus, "application/json", png ? "{\"stored\":\"" + file + "\"}" : "{\"error\":\"type\"}");
        };
    }

    private static String all(Outcome o) {
        return o.summary() + "\n" + String.join("\n", o.evidence().stream().map(Evidence::describe).toList());
    }

    @Test
    void passesWhenTheOversizedUploadIsRefusedWith413AndBadTypesAreRefused() {
        server.route("/upload", uploads(MIB, 413, 415));

        Outcome outcome = check("Validate file upload restrictions", Map.of("maxSize", "1MB"));

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).startsWith("/upload: accepted an ordinary PNG (201); refused an upload of 1.1 MiB (over 1MB) with 413 after ")
                .endsWith(" of 1.1 MiB sent; refused preflight-probe.exe (415); refused preflight-probe.php (415)");
        assertThat(posts).containsExactly("preflight-probe.png 223", "refused unread, declared " + (MIB + UploadRefusalCheck.MARGIN + 159),
                "preflight-probe.exe 190", "preflight-probe.php 197");
    }

    @Test
    void failsWhenTheOversizedUploadIsAcceptedAndSendsNoMoreThanTheLimitAndMargin() {
        server.route("/upload", uploads(0, 413, 400));

        Outcome outcome = check("File upload limits - 1MB max size", Map.of("maxSize", "1MB"));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("/upload: accepted an upload of 1.1 MiB (over 1MB) (201, 1.1 MiB of 1.1 MiB sent)");
        // Size only: no type probes. The body is the limit, the margin and the multipart framing, nothing more.
        assertThat(posts).hasSize(1);
        long received = Long.parseLong(posts.getFirst().substring(posts.getFirst().indexOf(' ') + 1));
        assertThat(received).isGreaterThan(MIB + UploadRefusalCheck.MARGIN).isLessThanOrEqualTo(MIB + UploadRefusalCheck.MARGIN + 300);
        assertThat(all(outcome)).contains("body bytes sent before the answer = " + received + " bytes");
    }

    @Test
    void failsWhenAScriptIsAccepted() {
        server.route("/api/upload", uploads(MIB, 413, 201));

        Outcome outcome = check("Test file type validation", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("/api/upload: accepted preflight-probe.exe (201); accepted preflight-probe.php (201)");
        assertThat(posts).extracting(p -> p.substring(0, p.indexOf(' ')))
                .containsExactly("preflight-probe.png", "preflight-probe.exe", "preflight-probe.php");
        assertThat(server.hits("/upload")).isEqualTo(1);
    }

    @Test
    void warnsWhenTheLimitIsEnforcedWithAnotherStatus() {
        server.route("/upload", uploads(MIB, 400, 400));

        Outcome outcome = check("Test file size limit", Map.of("maxSize", "1MB"));

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(outcome.summary()).endsWith("; but refused an upload of 1.1 MiB (over 1MB) with 400, not 413");
    }

    @Test
    void failsWhenTheOversizedUploadMakesTheServerFail() {
        server.route("/upload", uploads(MIB, 500, 400));

        Outcome outcome = check("Test file size limit", Map.of("maxSize", "1MB"));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("/upload: failed with 500 on an upload of 1.1 MiB (over 1MB) instead of refusing it with 413");
    }

    @Test
    void theDefaultSizeIsTenMegabytesAndTheSummarySaysSo() {
        server.route("/upload", uploads(10 * MIB, 413, 400));

        Outcome outcome = check("Test file size limit", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).contains("refused an upload of 10.1 MiB (over 10MB, the default: the item names no size) with 413");
    }

    @Test
    void aRefusedControlFileMeansTypesCannotBeJudged() {
        server.route("/upload", exchange -> LocalServer.respond(exchange, 400, "application/json", "{\"error\":\"field 'document' is required\"}"));

        Outcome outcome = check("Test file type validation", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.ERROR);
        assertThat(outcome.summary()).isEqualTo("/upload: it answered 400 to an ordinary 67-byte PNG in form field 'file', so a refusal"
                                                + " of other types would prove nothing");
    }

    @Test
    void withoutAnUploadEndpointTheItemStaysUnverifiedAndANamedMissingOneIsAnError() {
        Outcome guessed = check("Test file size limit", Map.of());
        Outcome named = check("Test file size limit", Map.of("path", "/files"));

        assertThat(guessed.isUnverified()).isTrue();
        assertThat(guessed.summary()).startsWith("no upload endpoint at /upload or /api/upload: name it with");
        assertThat(named.status()).isEqualTo(Status.ERROR);
        assertThat(named.summary()).isEqualTo("/files answered 404: no upload endpoint there");
    }

    @Test
    void anItemLimitAboveWhatPreflightSendsStaysUnverified() {
        Outcome outcome = check("Uploads up to 2GB max", Map.of("maxSize", "2GB"));

        assertThat(outcome.isUnverified()).isTrue();
        assertThat(outcome.summary()).isEqualTo("the item's limit 2GB is above the 256 MiB Preflight uploads to test a limit");
    }

    @Test
    void thePlanListsEveryUploadWithItsSize() {
        RequestLog plan = new RequestLog();
        HttpProbe probe = HttpProbe.forRun(List.of(server.base()), Duration.ofSeconds(1), null, Map.of(), Duration.ofSeconds(1), plan, what -> { });

        check("Validate file upload restrictions", Map.of("maxSize", "1MB"), probe);

        String url = server.base() + "/upload";
        assertThat(plan.lines()).containsExactly(
                "GET " + url,
                "POST " + url + " with multipart/form-data, field 'file': preflight-probe.png (image/png, 67 bytes)",
                "POST " + url + " with multipart/form-data, field 'file': preflight-oversize.png (image/png, 1.1 MiB) (Content-Length "
                + (MIB + UploadRefusalCheck.MARGIN + 159) + "; writing stops at the server's first answer)",
                "POST " + url + " with multipart/form-data, field 'file': preflight-probe.exe (application/x-msdownload, 19 bytes)",
                "POST " + url + " with multipart/form-data, field 'file': preflight-probe.php (application/x-php, 33 bytes)");
        assertThat(server.hits("/upload")).isZero();
    }
}
