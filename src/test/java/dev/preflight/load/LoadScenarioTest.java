package dev.preflight.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.preflight.check.Evidence;
import dev.preflight.collect.LocalServer;

/** What a scenario adds to a plain run: a weighted mix of requests, warm-up, ramp, early abort, the timeline and progress. */
class LoadScenarioTest {

    private static LoadSpec spec(URI base, List<LoadRequest> requests, LoadModel model, long maxRequests, Duration maxDuration) {
        return new LoadSpec(base, requests, Map.of(), model, maxRequests, maxDuration, Duration.ofSeconds(5),
                LoadSpec.DEFAULT_MAX_CONNECTIONS, LoadSpec.DEFAULT_LATE_AFTER, Duration.ZERO, Duration.ZERO, List.of());
    }

    @Test
    void aWeightedMixSendsEachKindInItsShareWithItsMethodHeadersAndBody() throws IOException {
        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        List<String> bodies = Collections.synchronizedList(new ArrayList<>());
        try (LocalServer server = LocalServer.start().fallback(exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String key = exchange.getRequestMethod() + " " + exchange.getRequestURI();
            seen.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            if (!body.isEmpty()) {
                bodies.add(exchange.getRequestHeaders().getFirst("Content-Type") + " " + body);
            }
            LocalServer.respond(exchange, 200, "text/plain", "ok");
        })) {
            List<LoadRequest> mix = List.of(
                    new LoadRequest("GET", "/items?page=1", Map.of(), null, null, 3),
                    new LoadRequest("POST", "/items", Map.of("Content-Type", "application/json"),
                            "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8), null, 1),
                    new LoadRequest("HEAD", "/health", Map.of(), null, null, 1));
            LoadResult r = LoadGenerator.run(spec(server.base(), mix, new LoadModel.Closed(2), 100, Duration.ofSeconds(30)), null);

            assertThat(r.errorCount()).isZero();
            assertThat(r.sent()).isEqualTo(100);
            assertThat(seen.get("GET /items?page=1")).hasValue(60);
            assertThat(seen.get("POST /items")).hasValue(20);
            assertThat(seen.get("HEAD /health")).hasValue(20);
            assertThat(bodies).hasSize(20).allSatisfy(b -> assertThat(b).isEqualTo("application/json {\"name\":\"x\"}"));
            assertThat(r.spec().describe()).contains("GET /items?page=1 ×3, POST /items (12-byte body) ×1, HEAD /health ×1");
        }
    }

    @Test
    void theWarmUpIsSentButNotMeasured() throws IOException {
        try (LocalServer server = LocalServer.start().route("/", 200, "text/plain", "ok")) {
            LoadSpec warm = LoadSpec.of(URI.create(server.base() + "/"), new LoadModel.Open(50), 1_000, Duration.ofSeconds(2))
                    .withPhases(Duration.ofSeconds(1), Duration.ZERO);
            LoadResult r = LoadGenerator.run(warm, null);

            assertThat(r.warmupSent()).isEqualTo(50);
            assertThat(r.sent()).isBetween(45L, 50L);
            assertThat(r.latency().getTotalCount()).isEqualTo(r.sent());
            assertThat(server.hits("/")).isEqualTo((int) (r.sent() + r.warmupSent()));
            assertThat(r.lines()).anySatisfy(l -> assertThat(l).contains("(and 50 in the warm-up, not measured)"));
            assertThat(r.timeline()).allSatisfy(i -> assertThat(i.startSeconds()).isLessThan(1.1));
        }
    }

    @Test
    void aRampClimbsToTheRateSoTheFirstSecondsSendFewer() {
        Schedule ramped = new Schedule(100, Duration.ofSeconds(2));
        assertThat(ramped.requestsBefore(Duration.ofSeconds(1).toNanos())).isEqualTo(25);
        assertThat(ramped.requestsBefore(Duration.ofSeconds(2).toNanos())).isEqualTo(100);
        assertThat(ramped.requestsBefore(Duration.ofSeconds(4).toNanos())).isEqualTo(300);
        assertThat(ramped.dueNanos(100)).isEqualTo(Duration.ofSeconds(2).toNanos());
        Schedule flat = new Schedule(20, Duration.ZERO);
        assertThat(flat.requestsBefore(Duration.ofSeconds(15).toNanos())).isEqualTo(300);
        assertThat(flat.dueNanos(20)).isEqualTo(Duration.ofSeconds(1).toNanos());
        for (long i = 0; i < 400; i++) {
            assertThat(ramped.requestsBefore(ramped.dueNanos(i) + 1)).isEqualTo(i + 1);
        }
    }

    @Test
    void aThresholdAlreadyLostEndsTheRunEarly() throws IOException {
        try (LocalServer server = LocalServer.start().route("/", 500, "text/plain", "broken")) {
            LoadSpec spec = LoadSpec.of(URI.create(server.base() + "/"), new LoadModel.Open(50), 1_000, Duration.ofSeconds(20))
                    .abortingWhenLost(List.of(Threshold.parse("rate<0.01")));
            assertThat(spec.plannedRequests()).isEqualTo(1_000);
            LoadResult r = LoadGenerator.run(spec, null);

            assertThat(r.stoppedBy()).startsWith("an early abort: rate<0.01 can no longer be met (")
                    .contains("of at most 1000 requests already failed");
            assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(10));
            assertThat(r.sent()).isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void aLatencyThresholdIsNotAbortedWhileItCanStillBeMet() throws IOException {
        try (LocalServer server = LocalServer.start().route("/", 200, "text/plain", "ok")) {
            LoadSpec spec = LoadSpec.of(URI.create(server.base() + "/"), new LoadModel.Open(40), 1_000, Duration.ofSeconds(2))
                    .abortingWhenLost(List.of(Threshold.parse("p(95)<2s")));
            LoadResult r = LoadGenerator.run(spec, null);
            assertThat(r.stoppedBy()).isEqualTo("the time bound");
        }
    }

    @Test
    void theTimelineAndPercentileCurveDescribeTheRunAndProgressIsToldEachSecond() throws IOException {
        List<LoadProgress> told = Collections.synchronizedList(new ArrayList<>());
        try (LocalServer server = LocalServer.start().route("/", 200, "text/plain", "ok")) {
            LoadResult r = LoadGenerator.run(LoadSpec.of(URI.create(server.base() + "/"), new LoadModel.Open(50), 1_000,
                    Duration.ofSeconds(3)), null, told::add);

            assertThat(r.timeline()).hasSizeBetween(2, 4);
            assertThat(r.timeline().stream().mapToLong(LatencyInterval::requests).sum()).isEqualTo(r.sent());
            Evidence.LatencyProfile profile = Evidence.LatencyProfile.of(r);
            assertThat(profile.target()).isEqualTo(server.base() + "/");
            assertThat(profile.percentiles()).isNotEmpty();
            assertThat(profile.percentiles().getLast().percentile()).isEqualTo(100.0);
            for (int i = 1; i < profile.percentiles().size(); i++) {
                assertThat(profile.percentiles().get(i).percentile()).isGreaterThan(profile.percentiles().get(i - 1).percentile());
                assertThat(profile.percentiles().get(i).millis()).isGreaterThanOrEqualTo(profile.percentiles().get(i - 1).millis());
            }
            assertThat(told).hasSizeGreaterThanOrEqualTo(3);
            assertThat(told.getLast().sent()).isEqualTo(r.sent());
            assertThat(told.getLast().ended()).isTrue();
            assertThat(told.getLast().line()).matches("ended at \\d+/3 s, \\d+ sent, p95 [0-9.]+ ms, 0 errors \\(0\\.00%\\)");
        }
    }

    @Test
    void aGeneratorWhoseThreadsKeptTheProcessorsBusyIsSaturated() {
        LoadSpec spec = LoadSpec.of(URI.create("http://127.0.0.1:1/"), new LoadModel.Closed(50), 1_000, Duration.ofSeconds(10));
        LoadResult busy = new LoadResult(spec, new org.HdrHistogram.Histogram(3), 1_000, Map.of(), 0, Duration.ofSeconds(10),
                Duration.ofSeconds(19), 50, 0, Duration.ZERO, "the time bound", List.of(), Duration.ofMillis(18_500), 0, 2);
        assertThat(busy.saturation()).hasValue("its threads kept 93% of 2 processors busy");
        LoadResult calm = new LoadResult(spec, new org.HdrHistogram.Histogram(3), 1_000, Map.of(), 0, Duration.ofSeconds(10),
                Duration.ofSeconds(12), 50, 0, Duration.ZERO, "the time bound", List.of(), Duration.ofSeconds(11), 0, 2);
        assertThat(calm.saturation()).isEmpty();
    }
}
