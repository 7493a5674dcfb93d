package dev.preflight.checks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.preflight.binding.WordParams;
import dev.preflight.check.CheckContext;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Status;
import dev.preflight.collect.HttpProbe;
import dev.preflight.collect.LocalServer;
import dev.preflight.collect.RequestLog;

/**
 * Against in-JVM services whose metrics behave in known ways: memory that grows by a fixed amount
 * per request served and never shrinks, memory that stays flat, memory that comes back part of the
 * way, descriptors that leak, a JVM heap whose young generation churns, a process that restarts.
 */
class MemoryStableCheckTest {
    private static final Duration SHORT = Duration.ofSeconds(2);
    private static final Duration SETTLE = Duration.ofMillis(600);
    private static final long MIB = 1024 * 1024;
    private static final long BASE = 100 * MIB;
    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private LocalServer server;
    /** Requests served on the loaded endpoint, and when the last one came. */
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicLong lastServed = new AtomicLong();

    @BeforeEach
    void start() throws IOException {
        server = LocalServer.start();
        server.route("/api/items", exchange -> {
            served.incrementAndGet();
            lastServed.set(System.nanoTime());
            LocalServer.respond(exchange, 200, "application/json", "{\"items\":[]}");
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Serves at {@code path} the metrics {@code body} gives for the number of requests served so far. */
    private void metrics(String path, IntFunction<String> body) {
        server.route(path, exchange -> LocalServer.respond(exchange, 200, TEXT_FORMAT, body.apply(served.get())));
    }

    /** prometheus_client's process metrics, as a Python service serves them. */
    private static String process(long residentBytes, long openFds, double startTime) {
        return """
                # HELP process_resident_memory_bytes Resident memory size in bytes.
                # TYPE process_resident_memory_bytes gauge
                process_resident_memory_bytes %d.0
                # HELP process_start_time_seconds Start time of the process since unix epoch in seconds.
                # TYPE process_start_time_seconds gauge
                process_start_time_seconds %.2f
                # HELP process_open_fds Number of open file descriptors.
                # TYPE process_open_fds gauge
                process_open_fds %d.0
                """.formatted(residentBytes, startTime, openFds);
    }

    private Outcome check(String item, Map<String, String> extra, HttpProbe probe) {
        Params params = new Params(WordParams.of(item)).with(extra);
        return new MemoryStableCheck(SHORT, SETTLE).run(new CheckContext(params, item, null, probe, true));
    }

    private Outcome check(String item) {
        return check(item, Map.of("path", "/api/items"), server.probe());
    }

    private static List<String> lines(Outcome o) {
        return o.evidence().stream().map(Evidence::describe).toList();
    }

    @Test
    void failsWhenMemoryGrowsWithEveryRequestAndNeverComesBack() {
        metrics("/metrics", n -> process(BASE + n * MIB, 12, 1.7e9));

        Outcome outcome = check("No memory leaks");

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("process_resident_memory_bytes stayed grown after the load: before 100.0 MiB, peak ")
                .contains(", more than 32.0 MiB; 1000.0 MiB per 1,000 requests)")
                .endsWith(" requests to /api/items)");
        assertThat(outcome.remediation()).contains("heap snapshots");
        assertThat(lines(outcome))
                .contains("metrics read from " + server.base() + "/metrics; judged: process_resident_memory_bytes (the process's resident memory)",
                        "process_resident_memory_bytes before the load = 100 MiB")
                .anyMatch(l -> l.matches("process_resident_memory_bytes during the load, \\d\\.\\d s in = \\d+ MiB"))
                .anyMatch(l -> l.matches("process_resident_memory_bytes as the load ended, \\d\\.\\d s in = \\d+ MiB"))
                .anyMatch(l -> l.startsWith("load: GET " + server.base() + "/api/items, open model, 20 requests a second"));
        assertThat(lines(outcome)).filteredOn(l -> l.matches("process_resident_memory_bytes after the load, \\d+\\.\\d s later = \\d+ MiB"))
                .hasSize(2);
    }

    @Test
    void passesWhenMemoryStaysFlat() {
        metrics("/metrics", n -> process(BASE, 12, 1.7e9));

        Outcome outcome = check("Memory usage stable");

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).startsWith("process_resident_memory_bytes came back: before 100.0 MiB, peak 100.0 MiB, "
                                                 + "after 100.0 MiB (+0.0 MiB, within 32.0 MiB)");
        assertThat(served.get()).isBetween(38, 40);
    }

    @Test
    void warnsWhenMemoryComesBackOnlyPartOfTheWay() {
        // 3 MiB a request while the load lasts; once it has stopped, the service gives back 65% of what it took.
        metrics("/metrics", n -> {
            boolean idle = n > 0 && System.nanoTime() - lastServed.get() > Duration.ofMillis(400).toNanos();
            return process(BASE + (long) (n * 3 * MIB * (idle ? 0.35 : 1)), 12, 1.7e9);
        });

        Outcome outcome = check("Memory usage remains stable under load");

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.WARN);
        assertThat(outcome.summary()).startsWith("process_resident_memory_bytes grew under load and came back only part of the way: ");
        assertThat(outcome.remediation()).contains("Measure longer");
    }

    @Test
    void warnsWhenMemoryKeepsRisingAfterTheLoadEnded() {
        // 40 MiB a second from the first request on, as when another load or real users keep the service busy.
        AtomicLong firstServed = new AtomicLong();
        metrics("/metrics", n -> {
            if (n > 0) {
                firstServed.compareAndSet(0, System.nanoTime());
            }
            long busy = n == 0 ? 0 : System.nanoTime() - firstServed.get();
            return process(BASE + busy * 40 * MIB / 1_000_000_000L, 12, 1.7e9);
        });

        Outcome outcome = check("No memory leaks");

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.WARN);
        assertThat(outcome.summary()).startsWith("process_resident_memory_bytes kept rising after the load ended: ")
                .contains("traffic other than this run's");
    }

    @Test
    void failsOnADescriptorLeakWhenTheItemIsAboutResourcesAndPassesTheMemoryItem() {
        // A file opened per request and never closed: memory flat, descriptors climbing.
        metrics("/metrics", n -> process(BASE, 12 + n, 1.7e9));

        Outcome resources = check("No resource leaks detected");
        assertThat(resources.status()).as(resources.summary()).isEqualTo(Status.FAIL);
        assertThat(resources.summary()).startsWith("process_open_fds stayed grown after the load: before 12, peak ")
                .contains("per 1,000 requests");
        assertThat(lines(resources)).contains("PASS: process_resident_memory_bytes came back: before 100.0 MiB, peak 100.0 MiB, "
                                              + "after 100.0 MiB (+0.0 MiB, within 32.0 MiB)")
                .anyMatch(l -> l.startsWith("process_open_fds before the load = 12"));

        Outcome memory = check("Memory usage stable");
        assertThat(memory.status()).as(memory.summary()).isEqualTo(Status.PASS);
        assertThat(lines(memory)).noneMatch(l -> l.contains("process_open_fds"));
    }

    @Test
    void passesAJvmHeapWhoseYoungGenerationChurnsButWhoseOldGenerationStaysFlat() {
        // Micrometer's names; Eden fills by 5 MiB a request between collections, the old generation holds 60 MiB throughout
        // (the survivor space is young generation too).
        metrics("/actuator/prometheus", n -> """
                # HELP jvm_memory_used_bytes The amount of used memory
                # TYPE jvm_memory_used_bytes gauge
                jvm_memory_used_bytes{area="heap",id="G1 Survivor Space"} %d.0
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} %d.0
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} %d.0
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} %d.0
                # HELP jvm_threads_live_threads The current number of live threads
                # TYPE jvm_threads_live_threads gauge
                jvm_threads_live_threads 21.0
                """.formatted(4 * MIB, 60 * MIB, 80 * MIB, n * 5 * MIB));

        Outcome outcome = check("Memory usage stable");

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).startsWith("jvm_memory_used_bytes came back: before 60.0 MiB, peak 60.0 MiB, after 60.0 MiB");
        assertThat(lines(outcome).getFirst()).endsWith("jvm_memory_used_bytes (the JVM heap in use, without its young generation)");
    }

    @Test
    void errorWhenTheProcessRestartedDuringTheRun() {
        // Memory back at its start because the process is new: that hides a leak, it does not disprove one.
        metrics("/metrics", n -> process(BASE, 12, n == 0 ? 1.7e9 : 1.7e9 + 60));

        Outcome outcome = check("No memory leaks");

        assertThat(outcome.status()).isEqualTo(Status.ERROR);
        assertThat(outcome.summary()).startsWith("the process restarted during the run (process_start_time_seconds went from 1700000000 to 1700000060)");
    }

    @Test
    void manualWhenTheServiceHasNoMetricsEndpoint() {
        Outcome outcome = check("No memory leaks");

        assertThat(outcome.status()).isEqualTo(Status.MANUAL);
        assertThat(outcome.skip()).isNull();
        assertThat(outcome.summary()).isEqualTo("no metrics endpoint answered 2xx (tried /metrics, /actuator/prometheus, /api/metrics)");
        assertThat(outcome.remediation()).contains("metricsPath=").contains("preflight attest");
        assertThat(served.get()).isZero();
    }

    @Test
    void manualWhenTheMetricsHoldNoMemorySeriesOrAreNotPrometheusText() {
        metrics("/metrics", n -> "# TYPE app_requests_total counter\napp_requests_total{endpoint=\"/api/items\"} " + n + "\n");
        Outcome noSeries = check("Memory usage stable");
        assertThat(noSeries.status()).isEqualTo(Status.MANUAL);
        assertThat(noSeries.summary()).isEqualTo(server.base() + "/metrics exposes none of the series this check judges "
                + "(process_resident_memory_bytes, jvm_memory_used_bytes, nodejs_heap_size_used_bytes, go_memstats_heap_inuse_bytes, "
                + "go_memstats_alloc_bytes, process_open_fds, jvm_threads_live_threads, nodejs_active_handles_total, go_goroutines)");

        server.route("/internal/vars", 200, "application/json", "{\"memstats\":{\"HeapInuse\":1048576}}");
        Outcome json = check("Memory usage stable", Map.of("path", "/api/items", "metricsPath", "/internal/vars"), server.probe());
        assertThat(json.status()).isEqualTo(Status.MANUAL);
        assertThat(json.summary()).isEqualTo(server.base() + "/internal/vars is not Prometheus text (line 1)");
        assertThat(served.get()).isZero();
    }

    @Test
    void readsTheMetricsWhereTheItemSaysAndPassesAFlatGoService() {
        metrics("/internal/metrics", n -> """
                # HELP go_goroutines Number of goroutines that currently exist.
                # TYPE go_goroutines gauge
                go_goroutines 9
                # HELP go_memstats_heap_inuse_bytes Number of heap bytes that are in use.
                # TYPE go_memstats_heap_inuse_bytes gauge
                go_memstats_heap_inuse_bytes 4.2e+06
                """);

        Outcome outcome = check("No resource leaks", Map.of("path", "/api/items", "metricsPath", "/internal/metrics"), server.probe());

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).contains("go_memstats_heap_inuse_bytes came back").contains("go_goroutines came back: before 9, ");
        assertThat(server.hits("/metrics")).isZero();
    }

    @Test
    void errorWhenTheServiceCannotBeReached() throws IOException {
        HttpProbe refused;
        try (LocalServer gone = LocalServer.start()) {
            refused = gone.probe();
        }

        Outcome outcome = check("No memory leaks", Map.of(), refused);

        assertThat(outcome.status()).isEqualTo(Status.ERROR);
        assertThat(outcome.summary()).startsWith("the metrics endpoint could not be reached: ");
    }

    @Test
    void aPlanRecordsTheSamplesAndTheLoadAndSendsNothing() {
        metrics("/metrics", n -> process(BASE, 12, 1.7e9));
        RequestLog plan = new RequestLog();
        List<String> announced = new ArrayList<>();
        HttpProbe probe = HttpProbe.forRun(List.of(server.base()), Duration.ofSeconds(1), null, Map.of(), Duration.ofSeconds(1),
                plan, announced::add);

        Outcome outcome = check("No memory leaks", Map.of("path", "/api/items"), probe);

        assertThat(outcome.summary()).isEqualTo("not sent (--plan)");
        assertThat(plan.lines()).containsExactly(
                "metrics: GET /metrics or /actuator/prometheus or /api/metrics before the load, every 1 s during it (at most 3 times), "
                + "as it ends and 2 times after it",
                "load: GET " + server.base() + "/api/items, open model, 20 requests a second, at most 40 requests in 2 s "
                + "(each answer within 1 s)");
        assertThat(announced).isEmpty();
        assertThat(server.hits("/metrics")).isZero();
        assertThat(served.get()).isZero();
    }

    @Test
    void anItemAskingForLongerIsToldHowLongTheRunWas() {
        metrics("/metrics", n -> process(BASE, 12, 1.7e9));

        Outcome outcome = check("Memory usage stable for 24 hours");

        assertThat(outcome.status()).isEqualTo(Status.PASS);
        assertThat(lines(outcome)).contains("the item asks for 86400 s of load; this check runs at most 2 s");
    }
}
