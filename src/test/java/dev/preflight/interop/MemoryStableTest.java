package dev.preflight.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.load.Scenarios;
import dev.preflight.Preflight;
import dev.preflight.check.Catalog;
import dev.preflight.check.Status;
import dev.preflight.config.PreflightConfig;
import dev.preflight.engine.RunOptions;
import dev.preflight.engine.Targets;
import dev.preflight.report.Report;

/**
 * load.memory-stable through the real pipeline ({@code preflight check --active}) against real
 * services and their real metrics libraries: a Flask app with prometheus_client's process metrics
 * (interop/flask/memory.py), whose one endpoint keeps the 1 MiB report it builds per request and
 * whose other forgets it; and the Express app with prom-client's default metrics, or with them as JSON.
 * Each run is 3 s of load, at 20 requests a second.
 */
class MemoryStableTest {
    @TempDir
    Path dir;

    /** Runs a checklist of one ticked item bound to load.memory-stable on {@code path}. */
    private Report run(URI url, String item, String path) throws Exception {
        Path checklist = Files.writeString(dir.resolve("CHECKLIST.md"), "# Service go-live\n\n## Performance\n\n- [x] " + item
                + " <!-- preflight: load.memory-stable path=" + path + " duration=3s -->\n", StandardCharsets.UTF_8);
        RunOptions active = new RunOptions(true, RunOptions.DEFAULT_CHECK_TIMEOUT, RunOptions.DEFAULT_RUN_DEADLINE, Map.of(),
                RunOptions.DEFAULT_REQUEST_TIMEOUT, null, null, null, Scenarios.NONE);
        return new Preflight(Catalog.standard(), PreflightConfig.EMPTY).check(checklist, new Targets(null, List.of(url), List.of()), active);
    }

    private static Report.ItemReport only(Report report) {
        assertThat(report.items()).hasSize(1);
        assertThat(report.items().getFirst().checks()).hasSize(1);
        return report.items().getFirst();
    }

    @Test
    void failsOnAFlaskEndpointThatKeepsWhatEachRequestBuilt() throws Exception {
        try (ServerProcess app = FlaskApp.python("flask-memory", "flask/memory.py", dir, "")) {
            Report.ItemReport item = only(run(app.url(), "No memory leaks", "/api/report-kept"));

            Report.CheckReport check = item.checks().getFirst();
            assertThat(check.status()).as(check.summary()).isEqualTo(Status.FAIL);
            assertThat(check.summary()).startsWith("process_resident_memory_bytes stayed grown after the load: before ")
                    .contains(" per 1,000 requests)").endsWith(" requests to /api/report-kept)");
            assertThat(item.falseClaim()).isTrue();
        }
    }

    @Test
    void passesOnAFlaskEndpointThatForgetsWhatItBuilt() throws Exception {
        try (ServerProcess app = FlaskApp.python("flask-memory", "flask/memory.py", dir, "")) {
            Report.ItemReport item = only(run(app.url(), "Memory usage stable", "/api/report"));

            Report.CheckReport check = item.checks().getFirst();
            assertThat(check.status()).as(check.summary()).isEqualTo(Status.PASS);
            assertThat(check.summary()).startsWith("process_resident_memory_bytes came back: before ");
            assertThat(item.status()).isEqualTo(Status.PASS);
        }
    }

    @Test
    void passesExpressWithPromClientsDefaultMetricsOnResourcesToo() throws Exception {
        try (ExpressApp app = ExpressApp.start(dir)) {
            Report.ItemReport item = only(run(app.url(), "No resource leaks detected", "/api/items"));

            Report.CheckReport check = item.checks().getFirst();
            assertThat(check.status()).as(check.summary()).isEqualTo(Status.PASS);
            assertThat(check.summary()).contains("process_resident_memory_bytes came back")
                    .contains("process_open_fds came back").contains("nodejs_active_handles_total came back");
        }
    }

    @Test
    void leavesTheItemManualWhenExpressServesItsMetricsAsJson() throws Exception {
        try (ExpressApp app = ExpressApp.withJsonMetrics(dir)) {
            Report report = run(app.url(), "No memory leaks", "/api/items");

            Report.ItemReport item = only(report);
            assertThat(item.checks().getFirst().status()).isEqualTo(Status.MANUAL);
            assertThat(item.status()).isEqualTo(Status.MANUAL);
            assertThat(item.reason()).isEqualTo(app.url().resolve("/metrics") + " is not Prometheus text (line 1)");
            assertThat(report.reasons()).containsExactly("1 blocking item is MANUAL without a fresh attestation");
        }
    }
}
