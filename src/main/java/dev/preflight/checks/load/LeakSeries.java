package dev.preflight.checks.load;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import dev.preflight.collect.PrometheusText;

/**
 * A series of a service's metrics whose level should come back after a load: memory in bytes, or a
 * count of live things (descriptors, threads, handles, goroutines). Its level in one body is the sum
 * of the samples of its name whose labels it accepts.
 *
 * @param memory whether the level is bytes of memory; otherwise it is a count
 */
record LeakSeries(String name, String meaning, boolean memory, Predicate<Map<String, String>> labels) {
    static final double MIB = 1024 * 1024;
    /** Memory may settle this much above where it started, and at least {@link #MEMORY_SHARE} of it. */
    static final double MEMORY_SLACK = 32 * MIB;
    static final double MEMORY_SHARE = 0.20;
    /** A count may settle this many above where it started, beyond the connections the run itself opened. */
    static final int COUNT_SLACK = 5;
    static final double COUNT_SHARE = 0.10;

    // Young-generation pools fill with garbage between collections and empty at each: they measure
    // allocation, not what the service keeps, so only the pools a leak fills are summed.
    private static final Pattern YOUNG_POOL = Pattern.compile("(?i)eden|survivor|nursery");

    /** The memory series in order of preference: the process's resident memory, else a runtime's heap. */
    static final List<LeakSeries> MEMORY = List.of(
            new LeakSeries("process_resident_memory_bytes", "the process's resident memory", true, any()),
            new LeakSeries("jvm_memory_used_bytes", "the JVM heap in use, without its young generation", true,
                    l -> "heap".equals(l.get("area")) && !YOUNG_POOL.matcher(l.getOrDefault("id", "")).find()),
            new LeakSeries("nodejs_heap_size_used_bytes", "the V8 heap in use", true, any()),
            new LeakSeries("go_memstats_heap_inuse_bytes", "the Go heap's spans in use", true, any()),
            new LeakSeries("go_memstats_alloc_bytes", "the Go heap's allocated objects", true, any()));

    /** The counts a resource leak grows, each judged when the service exposes it. */
    static final List<LeakSeries> RESOURCES = List.of(
            new LeakSeries("process_open_fds", "open file descriptors", false, any()),
            new LeakSeries("jvm_threads_live_threads", "live JVM threads", false, any()),
            new LeakSeries("nodejs_active_handles_total", "active libuv handles", false, any()),
            new LeakSeries("go_goroutines", "goroutines", false, any()));

    /** When the process started: a change between two samples means it restarted, which hides any leak. */
    static final LeakSeries START_TIME = new LeakSeries("process_start_time_seconds", "the process's start time", false, any());

    private static Predicate<Map<String, String>> any() {
        return labels -> true;
    }

    /** The level in {@code metrics}, or empty when no sample of this series is there. */
    Optional<Double> level(PrometheusText.Result metrics) {
        List<PrometheusText.Sample> samples = metrics.named(name).stream().filter(s -> labels.test(s.labels())).toList();
        return samples.isEmpty() ? Optional.empty() : Optional.of(samples.stream().mapToDouble(PrometheusText.Sample::value).sum());
    }

    /**
     * How far above its level before the load this series may settle and still count as back: for
     * memory, what allocators, caches and collectors keep after any burst of work; for counts, a
     * little more than the connections the run opened, which the server may close only after its
     * keep-alive timeout.
     */
    double tolerance(double before, int connections) {
        return memory ? Math.max(MEMORY_SHARE * before, MEMORY_SLACK) : Math.max(COUNT_SHARE * before, connections + COUNT_SLACK);
    }

    /** A level in its unit: MiB with one decimal for memory, a whole number for counts. */
    String format(double level) {
        return memory ? String.format(Locale.ROOT, "%.1f MiB", level / MIB) : String.format(Locale.ROOT, "%.0f", level);
    }

    /** A level as a measurement value: MiB rounded to one decimal, or the count. */
    double measure(double level) {
        return memory ? Math.round(level / MIB * 10) / 10.0 : level;
    }

    String unit() {
        return memory ? "MiB" : "";
    }
}
