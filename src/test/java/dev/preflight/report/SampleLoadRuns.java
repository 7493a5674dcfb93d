package dev.preflight.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.preflight.check.Evidence;
import dev.preflight.check.Evidence.LatencyProfile;
import dev.preflight.load.LatencyInterval;
import dev.preflight.load.LatencyPoint;
import dev.preflight.check.Status;

/**
 * Load runs as a load check reports them, for the writer tests: a run of fifteen one-second intervals
 * whose seventh stalls, and a report whose latency items carry such runs.
 */
final class SampleLoadRuns {
    static final String TARGET = "http://127.0.0.1:8080/api/search";
    static final String ITEM = "API response time < 200ms (p95)";
    /** The interval that stalls: the seventh, from 6 s to 7 s. */
    static final int STALL = 6;

    private SampleLoadRuns() {
    }

    /** Fifteen one-second intervals; the seventh stalls (p95 1800 ms) and 12 of its 40 requests fail. */
    static LatencyProfile stalled(String target) {
        List<LatencyInterval> timeline = new ArrayList<>();
        for (int second = 0; second < 15; second++) {
            timeline.add(second == STALL
                    ? new LatencyInterval(second, 1, 40, 12, 400, 1800, 2400, 2500)
                    : new LatencyInterval(second, 1, 100, 0, 2.1, 4, 6.5, 9));
        }
        List<LatencyPoint> curve = List.of(new LatencyPoint(50, 2.1), new LatencyPoint(90, 3.4), new LatencyPoint(95, 4), new LatencyPoint(99, 12.5),
                new LatencyPoint(99.9, 1800), new LatencyPoint(99.99, 2400), new LatencyPoint(100, 2500));
        return new LatencyProfile(target, curve, timeline);
    }

    /** A NO-GO report with one FAIL item of {@code load.latency} per profile. */
    static Report report(LatencyProfile... profiles) {
        List<Report.ItemReport> items = new ArrayList<>();
        for (int n = 0; n < profiles.length; n++) {
            List<Evidence> evidence = List.of(new Evidence.Note("p95 1800 ms over the bound of 200 ms"), profiles[n]);
            Report.CheckReport check = new Report.CheckReport("load.latency", "Latency under load stays within the item's bound",
                    Status.FAIL, "p95 1800 ms > 200 ms", Map.of("latency", "200ms", "percentile", "p95"), evidence,
                    "Find what stalls the server", 15_000);
            items.add(new Report.ItemReport("api-response-time-" + n, 40 + n, ITEM, List.of("Performance"), null, false,
                    Status.FAIL, false, true, null, List.of(check), null, null));
        }
        Map<Status, Integer> counts = new LinkedHashMap<>();
        for (Status status : Status.values()) {
            counts.put(status, status == Status.FAIL ? items.size() : 0);
        }
        Report.Coverage coverage = new Report.Coverage(List.of("url"), items.size(), 0, 0, 0, Map.of(),
                items.size() + " of " + items.size() + " items verified by a machine against url");
        return new Report(Report.SCHEMA, new Report.Tool("preflight", "test"), new Report.ChecklistInfo("PRODUCTION_CHECKLIST.md", items.size()),
                Report.Verdict.NO_GO, counts, coverage, List.of(items.size() + " blocking items FAIL"), List.of(), items,
                Instant.parse("2026-11-23T10:00:00Z"), 15_200, false);
    }
}
