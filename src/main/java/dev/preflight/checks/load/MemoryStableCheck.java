package dev.preflight.checks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.Status;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.HttpObservation;
import dev.preflight.collect.HttpProbe;
import dev.preflight.collect.ProbeRequest;
import dev.preflight.collect.PrometheusText;
import dev.preflight.load.ErrorKind;
import dev.preflight.load.LoadResult;

/**
 * Memory comes back after a load, read from the service's own metrics: once before the default
 * open-model run, about every second during it, as it ends, and twice after it has settled. For an item about
 * resource leaks, the descriptors, threads, handles or goroutines the service exposes are judged
 * too. A level that stays grown beyond its tolerance ({@link LeakSeries#tolerance}) is a leak; one
 * that came back only part of the way is ambiguous. A service that exposes none of these series
 * leaves the item to a person: MANUAL, with the reason.
 */
@CheckInfo(id = "load.memory-stable", title = "Memory stays flat under load (process metrics before, during, after)",
        target = TargetKind.URL,
        active = true,
        phrases = {"memory (usage )?(is |remains |stays )?stable", "memory leaks?", "resource leaks?"},
        params = {"path", "metricsPath", "duration", "scenario"}, selfTimed = true)
public final class MemoryStableCheck implements Check {
    static final Duration SAMPLE_EVERY = Duration.ofSeconds(1);
    static final Duration SETTLE = Duration.ofMillis(2500);
    static final int AFTER_SAMPLES = 2;
    private static final Pattern RESOURCES = Pattern.compile("\\bresource leaks?\\b", Pattern.CASE_INSENSITIVE);

    private final Duration duration;
    private final Duration settle;

    public MemoryStableCheck() {
        this(DefaultRun.DURATION, SETTLE);
    }

    /** A check whose runs last at most {@code duration} and whose samples after a run are {@code settle} apart: tests use short ones. */
    MemoryStableCheck(Duration duration, Duration settle) {
        this.duration = duration;
        this.settle = settle;
    }

    enum Phase { BEFORE, DURING, END, AFTER }

    /** One read of the metrics: {@code seconds} into the load (during, end) or since its end (after); failure null when read. */
    record Sample(Phase phase, double seconds, PrometheusText.Result metrics, String failure) {
        String when() {
            return switch (phase) {
                case BEFORE -> "before the load";
                case DURING -> String.format(Locale.ROOT, "during the load, %.1f s in", seconds);
                case END -> String.format(Locale.ROOT, "as the load ended, %.1f s in", seconds);
                case AFTER -> String.format(Locale.ROOT, "after the load, %.1f s later", seconds);
            };
        }

        Optional<Double> level(LeakSeries series) {
            return metrics == null ? Optional.empty() : series.level(metrics);
        }
    }

    @Override
    public Outcome run(CheckContext context) {
        HttpProbe http = context.http();
        String path = context.params().text(Param.PATH).orElse("/");
        List<String> candidates = context.params().text(Param.METRICS_PATH).map(List::of).orElse(PrometheusText.USUAL_PATHS);
        Duration asked = context.params().duration(Param.DURATION).orElse(duration);
        Duration runFor = asked.compareTo(duration) > 0 ? duration : asked;
        if (http.planning()) {
            http.announce(sampling(String.join(" or ", candidates), runFor));
            return switch (DefaultRun.send(context, path, runFor)) {
                case DefaultRun.Attempt.NotSent notSent -> notSent.outcome();
                case DefaultRun.Attempt.Ran ran -> throw new IllegalStateException("a load was sent under --plan");
            };
        }
        HttpObservation found = http.firstSuccessful(candidates);
        if (!found.answered()) {
            return Outcome.error("the metrics endpoint could not be reached: " + found.failure(), found.evidence());
        }
        if (!found.isSuccess()) {
            return manual("no metrics endpoint answered 2xx (tried " + String.join(", ", candidates) + ")", found.evidence());
        }
        PrometheusText.Result metrics = PrometheusText.parse(wholeLines(found));
        if (metrics.badLine() > 0) {
            return manual(found.url() + " is not Prometheus text (line " + metrics.badLine() + ")", found.evidence());
        }
        List<LeakSeries> judged = judged(metrics, RESOURCES.matcher(context.itemText()).find());
        if (judged.isEmpty()) {
            return manual(found.url() + " exposes none of the series this check judges ("
                          + Stream.concat(LeakSeries.MEMORY.stream(), LeakSeries.RESOURCES.stream()).map(LeakSeries::name)
                                  .collect(Collectors.joining(", ")) + ")", found.evidence());
        }
        // Alone: no other load run may reach the service between the reads before and after this one.
        return context.load().alone(() -> {
            try {
                return measure(context, found.url(), path, runFor, judged, asked.equals(runFor) ? null : asked);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.error("interrupted before the load could be judged");
            }
        });
    }

    private Outcome measure(CheckContext context, String url, String path, Duration runFor, List<LeakSeries> judged, Duration shortened)
            throws InterruptedException {
        HttpProbe http = context.http();
        List<Sample> samples = new ArrayList<>();
        Sample before = sample(http, url, Phase.BEFORE, 0);
        if (before.failure() != null) {
            return Outcome.error("the metrics could not be read before the load: " + before.failure());
        }
        samples.add(before);
        http.announce(sampling(url, runFor));
        List<Sample> during = new CopyOnWriteArrayList<>();
        CountDownLatch loadEnded = new CountDownLatch(1);
        long start = System.nanoTime();
        // A scenario may run up to an hour; the reads stop when the run does.
        int bound = (int) (Math.max(runFor.toMillis(), Duration.ofHours(1).toMillis()) / SAMPLE_EVERY.toMillis()) + 1;
        Thread sampler = Thread.ofVirtual().name("preflight-memory-samples").start(() -> {
            try {
                for (int i = 0; i < bound && !loadEnded.await(SAMPLE_EVERY.toNanos(), TimeUnit.NANOSECONDS); i++) {
                    during.add(sample(http, url, Phase.DURING, secondsSince(start)));
                }
            } catch (InterruptedException cancelled) {
                // the check was cancelled: the samples so far are all there will be
            }
        });
        DefaultRun.Attempt attempt;
        try {
            attempt = DefaultRun.sendUnshared(context, path, runFor);
        } finally {
            loadEnded.countDown();
        }
        if (!sampler.join(http.timeout().plus(SAMPLE_EVERY))) {
            sampler.interrupt();
        }
        samples.addAll(during);
        return switch (attempt) {
            case DefaultRun.Attempt.NotSent notSent -> notSent.outcome();
            case DefaultRun.Attempt.Ran ran -> judge(judged, settled(http, url, samples, start), ran.result(), path, url, shortened);
        };
    }

    /**
     * {@code samples} with the read as the load ended (the level it reached, which the reads every
     * second may have missed by most of a second) and the reads after it, each {@link #settle} apart.
     */
    private List<Sample> settled(HttpProbe http, String url, List<Sample> samples, long start) throws InterruptedException {
        List<Sample> out = new ArrayList<>(samples);
        out.add(sample(http, url, Phase.END, secondsSince(start)));
        long end = System.nanoTime();
        for (int i = 0; i < AFTER_SAMPLES; i++) {
            Thread.sleep(settle);
            out.add(sample(http, url, Phase.AFTER, secondsSince(end)));
        }
        return out;
    }

    /** The memory series the service exposes first in order of preference, and for a resource-leak item every count it exposes. */
    static List<LeakSeries> judged(PrometheusText.Result metrics, boolean resources) {
        List<LeakSeries> out = new ArrayList<>();
        LeakSeries.MEMORY.stream().filter(s -> s.level(metrics).isPresent()).findFirst().ifPresent(out::add);
        if (resources) {
            LeakSeries.RESOURCES.stream().filter(s -> s.level(metrics).isPresent()).forEach(out::add);
        }
        return out;
    }

    static Outcome judge(List<LeakSeries> judged, List<Sample> samples, LoadResult result, String path, String url, Duration shortened) {
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence.Note("metrics read from " + url + "; judged: " + judged.stream()
                .map(s -> s.name() + " (" + s.meaning() + ")").collect(Collectors.joining(", "))));
        for (Sample sample : samples) {
            if (sample.failure() != null) {
                evidence.add(new Evidence.Note("metrics " + sample.when() + ": not read (" + sample.failure() + ")"));
                continue;
            }
            for (LeakSeries series : judged) {
                sample.level(series).ifPresent(level -> evidence.add(
                        new Evidence.Measurement(series.name() + " " + sample.when(), series.measure(level), series.unit())));
            }
        }
        result.lines().forEach(line -> evidence.add(new Evidence.Note(line)));
        if (shortened != null) {
            evidence.add(new Evidence.Note("the item asks for " + shortened.toSeconds() + " s of load; this check runs at most "
                                           + result.spec().maxDuration().toSeconds() + " s"));
        }
        String run = result.sent() + " requests to " + path;
        long unanswered = result.errors().entrySet().stream()
                .filter(e -> e.getKey() != ErrorKind.STATUS_4XX && e.getKey() != ErrorKind.STATUS_5XX).mapToLong(e -> e.getValue()).sum();
        if (result.sent() == 0 || unanswered == result.sent()) {
            return Outcome.error("no request of the load was answered (" + run + "), so it says nothing about memory",
                    evidence.toArray(Evidence[]::new));
        }
        Optional<String> restart = restart(samples);
        if (restart.isPresent()) {
            return Outcome.error(restart.get(), evidence.toArray(Evidence[]::new));
        }
        List<Judgement> judgements = judged.stream().map(s -> judge(s, samples, result)).toList();
        judgements.forEach(j -> evidence.add(new Evidence.Note(j.status() + ": " + j.line())));
        Status worst = judgements.stream().map(Judgement::status).reduce(Status.PASS, Status::worse);
        String summary = judgements.stream().filter(j -> j.status() == worst).map(Judgement::line)
                                 .collect(Collectors.joining("; ")) + " (" + run + ")";
        return switch (worst) {
            case PASS -> result.errorCount() == result.sent()
                    ? Outcome.warn(summary + ", but every request of the load failed: it was judged under error answers, not the service's work",
                            "Name an endpoint that answers 2xx, e.g. <!-- preflight: load.memory-stable path=/api/items -->.", evidence)
                    : Outcome.pass(summary, evidence);
            case WARN -> Outcome.warn(summary, "Measure longer with nothing else loading the service, or read its memory on its "
                                               + "dashboards over hours: a level that came back part of the way is a cache filling, a "
                                               + "collector that has not run yet, or a slow leak.", evidence);
            case FAIL -> Outcome.fail(summary, "Find what each request leaves behind (a module-level list or dict, a cache without a "
                                               + "bound, listeners or sessions never released): compare heap snapshots before and after a load "
                                               + "(tracemalloc, a JVM heap dump, node --inspect, pprof's heap profile).", evidence);
            default -> Outcome.error(summary, evidence.toArray(Evidence[]::new));
        };
    }

    /** One series' verdict and the line that says why. */
    record Judgement(Status status, String line) {
    }

    static Judgement judge(LeakSeries series, List<Sample> samples, LoadResult result) {
        List<Double> after = samples.stream().filter(s -> s.phase() == Phase.AFTER).flatMap(s -> s.level(series).stream()).toList();
        Optional<Double> beforeLevel = samples.stream().filter(s -> s.phase() == Phase.BEFORE).flatMap(s -> s.level(series).stream()).findFirst();
        if (beforeLevel.isEmpty() || after.isEmpty()) {
            String why = samples.stream().filter(s -> s.failure() != null).reduce((a, b) -> b).map(s -> ": " + s.failure()).orElse("");
            return new Judgement(Status.ERROR, series.name() + " could not be read " + (beforeLevel.isEmpty() ? "before" : "after")
                                               + " the load" + why);
        }
        double before = beforeLevel.get();
        double peak = samples.stream().flatMap(s -> s.level(series).stream()).mapToDouble(Double::doubleValue).max().orElse(before);
        double settled = after.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double growth = settled - before;
        double tolerance = series.tolerance(before, result.connections());
        String levels = "before " + series.format(before) + ", peak " + series.format(peak) + ", after " + series.format(settled)
                        + " (" + signed(series, growth);
        if (growth <= tolerance) {
            return new Judgement(Status.PASS, series.name() + " came back: " + levels + ", within " + series.format(tolerance) + ")");
        }
        double drift = after.size() > 1 ? after.getLast() - after.getFirst() : 0;
        if (drift > tolerance / 4) {
            return new Judgement(Status.WARN, series.name() + " kept rising after the load ended: " + levels + ", more than "
                                              + series.format(tolerance) + "; " + signed(series, drift) + " between the reads after it): "
                                              + "traffic other than this run's (another check's load, real users) reached the service, "
                                              + "so the growth is not this run's alone");
        }
        boolean partly = peak - settled >= (peak - before) / 2;
        boolean falling = -drift > tolerance / 4;
        if (partly || falling) {
            return new Judgement(Status.WARN, series.name() + " grew under load and came back only part of the way: " + levels
                                              + ", more than " + series.format(tolerance) + (falling ? "; still falling at the last sample" : "") + ")");
        }
        return new Judgement(Status.FAIL, series.name() + " stayed grown after the load: " + levels + ", more than "
                                          + series.format(tolerance) + "; " + series.format(growth * 1000 / result.sent())
                                          + " per 1,000 requests)");
    }

    /** Why the samples cannot show a leak because the process restarted between them, if it did. */
    private static Optional<String> restart(List<Sample> samples) {
        List<Double> starts = samples.stream().flatMap(s -> s.level(LeakSeries.START_TIME).stream()).distinct().toList();
        if (starts.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the process restarted during the run (%s went from %.0f to %.0f): a restart "
                                                      + "hides any leak", LeakSeries.START_TIME.name(), starts.getFirst(), starts.getLast()));
    }

    private static Sample sample(HttpProbe http, String url, Phase phase, double seconds) {
        HttpObservation o = http.send(ProbeRequest.get(url));
        if (!o.answered()) {
            return new Sample(phase, seconds, null, o.failure());
        }
        if (!o.isSuccess()) {
            return new Sample(phase, seconds, null, "HTTP " + o.status());
        }
        PrometheusText.Result metrics = PrometheusText.parse(wholeLines(o));
        return metrics.badLine() > 0
                ? new Sample(phase, seconds, null, "not Prometheus text at line " + metrics.badLine())
                : new Sample(phase, seconds, metrics, null);
    }

    /** The body without a line the size cap cut in two. */
    private static String wholeLines(HttpObservation o) {
        return o.truncated() ? o.body().substring(0, o.body().lastIndexOf('\n') + 1) : o.body();
    }

    private static Outcome manual(String reason, Evidence evidence) {
        return Outcome.manual(reason, "Expose the process's metrics in Prometheus text (prometheus_client, prom-client and the Go "
                + "client do by default; Micrometer's on /actuator/prometheus), or name where they are: "
                + "<!-- preflight: load.memory-stable metricsPath=/internal/metrics -->. Until then, watch memory on the service's "
                + "dashboards under real traffic and sign the item off with preflight attest.", evidence);
    }

    private static String sampling(String where, Duration runFor) {
        return "metrics: GET " + where + " before the load, every " + SAMPLE_EVERY.toSeconds() + " s during it (at most "
               + ((int) (runFor.toMillis() / SAMPLE_EVERY.toMillis()) + 1) + " times), as it ends and " + AFTER_SAMPLES + " times after it";
    }

    private static String signed(LeakSeries series, double growth) {
        return (growth >= 0 ? "+" : "-") + series.format(Math.abs(growth));
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }
}
