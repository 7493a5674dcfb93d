package dev.preflight.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.Preflight;
import dev.preflight.check.Catalog;
import dev.preflight.check.Status;
import dev.preflight.config.PreflightConfig;
import dev.preflight.engine.RunOptions;
import dev.preflight.engine.Targets;
import dev.preflight.report.Report;

/**
 * http.errors and http.exposure against real Flask and Django apps with debug off and on, and a real
 * Express app in production and development: the same app code each time, only the setting differs.
 * Each app has a JSON API at /api/items whose POST a malformed body breaks (Flask and Django parse it
 * by hand and raise; Express's express.json() rejects it), and the frameworks' default error pages.
 */
class ErrorsInteropTest {
    static final String API_ERRORS = "Validate error handling";
    static final String STACK_TRACES = "Stack traces hidden in production";
    static final String DEBUG_ENDPOINTS = "Debug endpoints not exposed";
    static final String EXPOSED = "Review exposed endpoints";

    @TempDir
    Path dir;

    /** The real pipeline over four items; the API path is given by directive, since Django's ends in a slash. */
    private Report check(URI url, String apiPath) throws Exception {
        Path checklist = dir.resolve("errors-checklist.md");
        Files.writeString(checklist, """
                # Errors and exposure

                - [ ] %s <!-- preflight: http.errors path=%s -->
                - [ ] %s
                - [ ] %s
                - [ ] %s
                """.formatted(API_ERRORS, apiPath, STACK_TRACES, DEBUG_ENDPOINTS, EXPOSED));
        return new Preflight(Catalog.standard(), PreflightConfig.EMPTY)
                .check(checklist, new Targets(null, List.of(url), List.of()), RunOptions.defaults());
    }

    @Test
    void flaskWithDebugOffPasses() throws Exception {
        try (FlaskApp app = FlaskApp.start(dir)) {
            Report report = check(app.url(), "/api/items");

            assertThat(InteropRun.result(report, API_ERRORS).summary())
                    .isEqualTo("no stack trace or debug page: a missing path answered 404 text/html, a malformed request 500 application/json");
            assertAll(report, Status.PASS, API_ERRORS, STACK_TRACES, DEBUG_ENDPOINTS, EXPOSED);
            assertThat(report.verdict()).isEqualTo(Report.Verdict.GO);
        }
    }

    @Test
    void flaskWithDebugOnFailsOnTheDebuggerAndItsConsole() throws Exception {
        try (FlaskApp app = FlaskApp.withDebug(dir)) {
            Report report = check(app.url(), "/api/items");

            Report.CheckReport errors = InteropRun.result(report, API_ERRORS);
            assertThat(errors.status()).isEqualTo(Status.FAIL);
            assertThat(errors.summary()).isEqualTo("Werkzeug debugger page in the answer to a malformed request (HTTP 500)");
            assertThat(InteropRun.result(report, DEBUG_ENDPOINTS).summary()).isEqualTo("debug page: Werkzeug debugger page at /console (200)");
            assertThat(InteropRun.result(report, EXPOSED).status()).isEqualTo(Status.FAIL);
            assertThat(InteropRun.result(report, STACK_TRACES).status())
                    .as("Flask's debug mode shows nothing on a 404 or a 405: only an exception opens the debugger").isEqualTo(Status.PASS);
            assertThat(report.verdict()).isEqualTo(Report.Verdict.NO_GO);
        }
    }

    @Test
    void djangoWithDebugOffPasses() throws Exception {
        try (DjangoApp app = DjangoApp.start(dir)) {
            Report report = check(app.url(), "/api/items/");

            assertThat(InteropRun.result(report, API_ERRORS).summary())
                    .isEqualTo("no stack trace or debug page: a missing path answered 404 text/html, a malformed request 500 application/json");
            assertAll(report, Status.PASS, API_ERRORS, STACK_TRACES, DEBUG_ENDPOINTS, EXPOSED);
            assertThat(report.verdict()).isEqualTo(Report.Verdict.GO);
        }
    }

    @Test
    void djangoWithDebugOnFailsOnItsTechnicalPages() throws Exception {
        try (DjangoApp app = DjangoApp.withDebug(dir)) {
            Report report = check(app.url(), "/api/items/");

            assertThat(InteropRun.result(report, API_ERRORS).summary())
                    .isEqualTo("Django DEBUG page in the answer to a path that does not exist (HTTP 404); "
                               + "Django DEBUG page in the answer to a malformed request (HTTP 500)");
            assertThat(InteropRun.result(report, STACK_TRACES).summary()).startsWith("Django DEBUG page in the answer to a path that does not exist");
            assertThat(InteropRun.result(report, DEBUG_ENDPOINTS).summary()).isEqualTo("debug page: Django DEBUG page at /console (404)");
            assertThat(InteropRun.result(report, EXPOSED).summary()).isEqualTo("debug page: Django DEBUG page at /docs (404)");
            assertAll(report, Status.FAIL, API_ERRORS, STACK_TRACES, DEBUG_ENDPOINTS, EXPOSED);
        }
    }

    @Test
    void expressInProductionPassesButItsHtmlErrorsOnAJsonApiAreAWeakness() throws Exception {
        try (ExpressApp app = ExpressApp.start(dir)) {
            Report report = check(app.url(), "/api/items");

            Report.CheckReport stackTraces = InteropRun.result(report, STACK_TRACES);
            assertThat(stackTraces.status()).as(stackTraces.summary()).isEqualTo(Status.PASS);
            assertThat(stackTraces.summary())
                    .isEqualTo("no stack trace or debug page: a missing path answered 404 text/html, a malformed request 400 text/html");
            Report.CheckReport api = InteropRun.result(report, API_ERRORS);
            assertThat(api.status()).isEqualTo(Status.WARN);
            assertThat(api.summary()).startsWith("the API speaks JSON but the error for a malformed request is text/html; charset=utf-8");
            assertAll(report, Status.PASS, DEBUG_ENDPOINTS, EXPOSED);
            assertThat(report.verdict()).as("a weakness does not block").isEqualTo(Report.Verdict.GO);
        }
    }

    @Test
    void expressInDevelopmentFailsOnItsStackTraces() throws Exception {
        try (ExpressApp app = ExpressApp.inDevelopment(dir)) {
            Report report = check(app.url(), "/api/items");

            Report.CheckReport stackTraces = InteropRun.result(report, STACK_TRACES);
            assertThat(stackTraces.status()).isEqualTo(Status.FAIL);
            assertThat(stackTraces.summary()).isEqualTo("Node.js stack trace in the answer to a malformed request (HTTP 400)");
            assertThat(stackTraces.evidence()).anySatisfy(e -> assertThat(e.describe()).contains("node_modules/body-parser"));
            assertThat(InteropRun.result(report, API_ERRORS).status()).isEqualTo(Status.FAIL);
            assertThat(report.verdict()).isEqualTo(Report.Verdict.NO_GO);
        }
    }

    private static void assertAll(Report report, Status expected, String... items) {
        for (String item : items) {
            Report.CheckReport result = InteropRun.result(report, item);
            assertThat(result.status()).as(item + ": " + result.summary()).isEqualTo(expected);
        }
    }
}
