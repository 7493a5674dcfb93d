package dev.preflight.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import javax.net.ssl.SSLSocketFactory;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import dev.preflight.text.Durations;

/**
 * Runs one {@link LoadSpec} and measures it. Each thread of the run records into a recorder of its
 * own, so recording takes no lock; once a second a sampler collects what every thread recorded since,
 * which gives latency over time, the progress line, and the totals an early abort is judged on. The
 * closed model over plain HTTP runs its connections on one {@link EventLoop} per processor: its
 * connections are never idle, and a platform thread blocked per connection cost a context switch per
 * request against a fast server. Over https (the loops do not speak TLS) each closed-model connection
 * has a platform thread of its own, which costs about half the CPU per request of a virtual thread,
 * whose every blocking read goes through the poller; the open model's connections mostly wait for
 * their next request, which virtual threads do for nothing. A watchdog ends the blocking connections'
 * exchanges that outlive their timeout; the loops keep their deadlines themselves. Whether the target
 * may be sent load at all is the caller's question; this class sends to the address it is given.
 */
public final class LoadGenerator {
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final Duration TICK = Duration.ofSeconds(1);
    /** How often the watchdog ends exchanges past their deadline: the precision of a request timeout. */
    private static final Duration WATCHDOG_EVERY = Duration.ofMillis(10);
    private static final int MAX_INTERVALS = 300;
    private static final int SENT = 0;
    private static final int UNSENT = 1;
    private static final int WARMUP = 2;
    private static final int FIRST_ERROR = 3;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final LoadSpec spec;
    private final byte[][] requests;
    private final boolean[] heads;
    private final RequestMix mix;
    private final InetSocketAddress address;
    private final SSLSocketFactory tls;
    private final Consumer<LoadProgress> progress;
    private final AtomicBoolean stop;
    private final List<Worker> workers = new CopyOnWriteArrayList<>();
    private final List<Tally> tallies = new CopyOnWriteArrayList<>();
    private final AtomicLong workerCpuNanos = new AtomicLong();
    private final LinkedBlockingQueue<Due> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger idle = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;
    private volatile String abortedBecause;
    private long start;
    private long measureFrom;

    private LoadGenerator(LoadSpec spec, SSLSocketFactory tls, Consumer<LoadProgress> progress, AtomicBoolean stop) {
        this.spec = spec;
        this.stop = stop;
        this.tls = tls;
        this.progress = progress;
        URI o = spec.origin();
        boolean https = "https".equalsIgnoreCase(o.getScheme());
        int port = o.getPort() > 0 ? o.getPort() : https ? 443 : 80;
        this.address = new InetSocketAddress(o.getHost(), port);
        this.requests = new byte[spec.requests().size()][];
        this.heads = new boolean[requests.length];
        for (int i = 0; i < requests.length; i++) {
            LoadRequest r = spec.requests().get(i);
            requests[i] = requestBytes(spec, r, port, https);
            heads[i] = r.head();
        }
        this.mix = new RequestMix(spec.requests());
    }

    /** Runs {@code spec}; {@code tls} (null for the system's trust) serves an https target. */
    public static LoadResult run(LoadSpec spec, SSLSocketFactory tls) {
        return run(spec, tls, p -> {
        });
    }

    /** Runs {@code spec}, telling {@code progress} how it goes about once a second. */
    public static LoadResult run(LoadSpec spec, SSLSocketFactory tls, Consumer<LoadProgress> progress) {
        return run(spec, tls, progress, new AtomicBoolean());
    }

    /** As {@link #run(LoadSpec, SSLSocketFactory, Consumer)}; setting {@code stop} ends the run within a second, its figures kept. */
    public static LoadResult run(LoadSpec spec, SSLSocketFactory tls, Consumer<LoadProgress> progress, AtomicBoolean stop) {
        boolean https = "https".equalsIgnoreCase(spec.origin().getScheme());
        return new LoadGenerator(spec, https ? (tls == null ? (SSLSocketFactory) SSLSocketFactory.getDefault() : tls) : null, progress,
                stop).run();
    }

    private static byte[] requestBytes(LoadSpec spec, LoadRequest r, int port, boolean https) {
        URI o = spec.origin();
        String host = o.getHost().contains(":") && !o.getHost().startsWith("[") ? "[" + o.getHost() + "]" : o.getHost();
        boolean defaultPort = port == (https ? 443 : 80);
        StringBuilder head = new StringBuilder(r.method()).append(' ').append(r.path()).append(" HTTP/1.1\r\nHost: ").append(host)
                .append(defaultPort ? "" : ":" + port).append("\r\n");
        Map<String, String> headers = new java.util.LinkedHashMap<>(spec.headers());
        headers.putAll(r.headers());
        if (headers.keySet().stream().noneMatch("User-Agent"::equalsIgnoreCase)) {
            head.append("User-Agent: Preflight load (deployment checklist verifier)\r\n");
        }
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        byte[] body = r.body();
        if (body.length > 0 || !(r.method().equals("GET") || r.head() || r.method().equals("DELETE"))) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        byte[] top = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[top.length + body.length];
        System.arraycopy(top, 0, all, 0, top.length);
        System.arraycopy(body, 0, all, top.length, body.length);
        return all;
    }

    /**
     * The counts and latencies of one thread of the run: written by that thread only, so recording
     * takes no lock; read by the sampler while it runs.
     */
    private class Tally implements EventLoop.Outcomes {
        final SingleWriterRecorder recorder = new SingleWriterRecorder(SIGNIFICANT_DIGITS);
        final AtomicLongArray counts = new AtomicLongArray(FIRST_ERROR + ErrorKind.values().length);
        Histogram spare;

        @Override
        public void started(long since) {
            count(since >= measureFrom ? SENT : WARMUP);
        }

        @Override
        public void answered(long since, int status) {
            if (since >= measureFrom) {
                ErrorKind error = ErrorKind.ofStatus(status);
                if (error != null) {
                    count(FIRST_ERROR + error.ordinal());
                }
                record(System.nanoTime() - since);
            }
        }

        /** A timed-out request counts its time: leaving it out would hide the slowest answers. */
        @Override
        public void failed(long since, ErrorKind kind) {
            if (since >= measureFrom) {
                count(FIRST_ERROR + kind.ordinal());
                if (kind == ErrorKind.TIMEOUT) {
                    record(System.nanoTime() - since);
                }
            }
        }

        /** Only this thread writes its counts, so an ordered store is enough for the sampler to read them. */
        void count(int slot) {
            counts.lazySet(slot, counts.get(slot) + 1);
        }

        void record(long nanos) {
            recorder.recordValue(Math.max(0, nanos / 1_000));
        }
    }

    /** One connection's thread on a blocking connection. */
    private final class Worker extends Tally implements Runnable {
        final HttpConnection connection = new HttpConnection(address, tls);
        private final Consumer<Worker> body;

        Worker(Consumer<Worker> loop) {
            this.body = loop;
        }

        @Override
        public void run() {
            try {
                body.accept(this);
            } finally {
                connection.close();
            }
        }

        /** Sends request {@code kind} and records it, unless it belongs to the warm-up; latency counts from {@code since}. */
        void send(int kind, long since) {
            started(since);
            long begun = System.nanoTime();
            try {
                answered(since, connection.exchange(requests[kind], heads[kind], begun + spec.timeout().toNanos()));
            } catch (HttpConnection.Failure f) {
                failed(since, f.kind());
            }
        }
    }

    /** What the sampler has gathered so far. */
    private final class Totals {
        final Histogram latency = new Histogram(SIGNIFICANT_DIGITS);
        final Histogram interval = new Histogram(SIGNIFICANT_DIGITS);
        final List<LatencyInterval> timeline = new ArrayList<>();
        final long[] counts = new long[FIRST_ERROR + ErrorKind.values().length];
        long lastTick;
        long lastSent;
        long lastErrors;

        /**
         * Collects what every connection recorded since the last tick; one interval of the timeline when measuring.
         * {@code last} is the tick at the run's end.
         */
        void tick(long now, boolean last) {
            interval.reset();
            long[] sum = new long[counts.length];
            for (Tally w : tallies) {
                w.spare = w.recorder.getIntervalHistogram(w.spare);
                interval.add(w.spare);
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += w.counts.get(i);
                }
            }
            System.arraycopy(sum, 0, counts, 0, sum.length);
            latency.add(interval);
            long sent = counts[SENT];
            long errors = errors();
            long from = Math.max(lastTick, measureFrom);
            // An interval in which no answer came has no latency to draw; the chart's line crosses it.
            if (now > measureFrom && interval.getTotalCount() > 0) {
                timeline.add(new LatencyInterval(seconds(from - measureFrom), seconds(now - from), interval.getTotalCount(),
                        errors - lastErrors, ms(interval.getValueAtPercentile(50)), ms(interval.getValueAtPercentile(95)),
                        ms(interval.getValueAtPercentile(99)), ms(interval.getMaxValue())));
            }
            double perSecond = now > lastTick ? (sent - lastSent) * 1e9 / (now - lastTick) : 0;
            progress.accept(new LoadProgress(Duration.ofNanos(now - start), spec.maxDuration(), now < measureFrom, sent, errors,
                    perSecond, Duration.ofNanos(latency.getValueAtPercentile(95) * 1_000), last));
            lastTick = now;
            lastSent = sent;
            lastErrors = errors;
            if (stop.get() && abortedBecause == null) {
                abortedBecause = "a request to stop";
                stopping = true;
            }
            if (now >= measureFrom && abortedBecause == null) {
                judgeAbort();
            }
        }

        long errors() {
            long n = 0;
            for (int i = FIRST_ERROR; i < counts.length; i++) {
                n += counts[i];
            }
            return n;
        }

        /** Stops the run once a threshold is lost whatever the requests still to come would measure. */
        private void judgeAbort() {
            long planned = Math.max(1, spec.plannedRequests() - counts[WARMUP]);
            for (Threshold t : spec.abortWhenLost()) {
                String lost = switch (t) {
                    case Threshold.Latency l -> {
                        long bound = l.bound().toNanos() / 1_000 + (l.inclusive() ? 1 : 0);
                        long over = latency.getMaxValue() < bound ? 0 : latency.getCountBetweenValues(bound, latency.getMaxValue());
                        yield over > (1 - l.percentile() / 100) * planned
                                ? over + " of at most " + planned + " requests already took "
                                  + (l.inclusive() ? "more than " + Durations.text(l.bound()) : Durations.text(l.bound()) + " or more") : null;
                    }
                    case Threshold.ErrorRate e -> {
                        long errors = errors();
                        yield (e.inclusive() ? errors > e.bound() * planned : errors >= e.bound() * planned)
                                ? errors + " of at most " + planned + " requests already failed" : null;
                    }
                };
                if (lost != null) {
                    abortedBecause = "an early abort: " + t.text() + " can no longer be met (" + lost + ")";
                    stopping = true;
                    return;
                }
            }
        }
    }

    /** Nanoseconds as seconds to the millisecond: the sampler's ticks are not more precise than that. */
    private static double seconds(long nanos) {
        return Math.round(nanos / 1e6) / 1e3;
    }

    private static double ms(long micros) {
        return micros / 1e3;
    }

    private LoadResult run() {
        long cpuBefore = processCpuNanos();
        Thread watchdog = Thread.ofVirtual().name("preflight-load-watchdog").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long now = System.nanoTime();
                workers.forEach(w -> w.connection.expire(now));
                LockSupport.parkNanos(WATCHDOG_EVERY.toNanos());
            }
        });
        if (spec.model() instanceof LoadModel.Open) {
            openConnection(true);
        }
        start = System.nanoTime();
        measureFrom = start + spec.warmup().toNanos();
        long deadline = start + spec.maxDuration().toNanos();
        Totals totals = new Totals();
        totals.lastTick = start;
        long tickNanos = Math.max(TICK.toNanos(), spec.maxDuration().toNanos() / MAX_INTERVALS);
        Thread sampler = Thread.ofVirtual().name("preflight-load-sampler").start(() -> {
            long next = start + tickNanos;
            while (!stopping && !Thread.currentThread().isInterrupted()) {
                long now;
                while ((now = System.nanoTime()) < next && !Thread.currentThread().isInterrupted()) {
                    LockSupport.parkNanos(next - now);
                }
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                synchronized (totals) {
                    totals.tick(now, false);
                }
                next += tickNanos;
            }
        });
        Histogram lateness = new Histogram(SIGNIFICANT_DIGITS);
        long[] lateStarts = {0};
        String stoppedBy = switch (spec.model()) {
            case LoadModel.Open open -> open(open, deadline, lateness, lateStarts);
            case LoadModel.Closed closed -> tls == null ? loops(closed, deadline) : closed(closed, deadline);
        };
        long end = System.nanoTime();
        sampler.interrupt();
        watchdog.interrupt();
        joinUninterruptibly(sampler);
        joinUninterruptibly(watchdog);
        synchronized (totals) {
            totals.tick(end, true);
        }
        Map<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);
        for (ErrorKind k : ErrorKind.values()) {
            errors.put(k, totals.counts[FIRST_ERROR + k.ordinal()]);
        }
        return new LoadResult(spec, totals.latency, totals.counts[SENT], errors, totals.counts[UNSENT], Duration.ofNanos(end - start),
                Duration.ofNanos(processCpuNanos() - cpuBefore), spec.model() instanceof LoadModel.Closed c ? c.connections() : workers.size(),
                lateStarts[0],
                Duration.ofNanos(lateness.getMaxValue() * 1_000), abortedBecause != null ? abortedBecause : stoppedBy, totals.timeline,
                Duration.ofNanos(workerCpuNanos.get()), totals.counts[WARMUP], Runtime.getRuntime().availableProcessors());
    }

    /** A request the schedule has made due, waiting for a connection; {@link #STOP} tells a connection to stop. */
    private record Due(long intended, int kind) {
        static final Due STOP = new Due(0, -1);
    }

    /**
     * The schedule runs on this thread and hands each request's intended start to an idle connection,
     * opening a new one (up to the cap) when none is idle. A request that waits in the queue because
     * every connection is busy with a slow server keeps its intended start: its wait is latency. Only
     * this thread's own lateness, waking after a request's time, is the generator's.
     */
    private String open(LoadModel.Open model, long deadline, Histogram lateness, long[] lateStarts) {
        Schedule schedule = new Schedule(model.perSecond(), spec.ramp());
        long lateAfter = spec.lateAfter().toNanos();
        String stoppedBy = "the request bound";
        for (long i = 0; i < spec.maxRequests(); i++) {
            long intended = start + schedule.dueNanos(i);
            if (intended >= deadline) {
                stoppedBy = "the time bound";
                break;
            }
            long now;
            while ((now = System.nanoTime()) < intended && !stopping) {
                LockSupport.parkNanos(intended - now);
            }
            if (stopping) {
                break;
            }
            long late = now - intended;
            if (intended >= measureFrom) {
                lateness.recordValue(late / 1_000);
                if (late > lateAfter) {
                    lateStarts[0]++;
                }
            }
            if (idle.get() == 0 && workers.size() < spec.maxConnections()) {
                openConnection(false);
            }
            queue.add(new Due(intended, mix.kindOf(i)));
        }
        for (int i = 0; i < threads.size(); i++) {
            queue.add(Due.STOP);
        }
        threads.forEach(LoadGenerator::joinUninterruptibly);
        return stoppedBy;
    }

    /** A new connection of the open model, waiting for its first request; {@code warm}: opened before it waits. */
    private void openConnection(boolean warm) {
        Worker w = new Worker(this::serve);
        if (warm) {
            w.connection.warm(System.nanoTime() + spec.timeout().toNanos());
        }
        workers.add(w);
        tallies.add(w);
        threads.add(Thread.ofVirtual().name("preflight-load-", workers.size()).start(w));
    }

    private void serve(Worker w) {
        while (true) {
            idle.incrementAndGet();
            Due due;
            try {
                due = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                idle.decrementAndGet();
            }
            if (due == Due.STOP) {
                return;
            }
            long now = System.nanoTime();
            if (now >= start + spec.maxDuration().toNanos() || stopping) {
                if (due.intended() >= measureFrom) {
                    w.count(UNSENT);
                    w.record(now - due.intended());
                }
            } else {
                w.send(due.kind(), due.intended());
            }
        }
    }

    /** Each connection sends, waits and repeats; over the ramp, connection k starts k/N of the way through it. */
    private String closed(LoadModel.Closed model, long deadline) {
        AtomicLong claimed = new AtomicLong();
        for (int i = 0; i < model.connections(); i++) {
            long begin = start + spec.ramp().toNanos() * i / model.connections();
            Worker w = new Worker(self -> {
                long now;
                while ((now = System.nanoTime()) < begin && !stopping) {
                    LockSupport.parkNanos(begin - now);
                }
                long n;
                while (!stopping && System.nanoTime() < deadline && (n = claimed.getAndIncrement()) < spec.maxRequests()) {
                    self.send(mix.kindOf(n), System.nanoTime());
                }
                addOwnCpu();
            });
            workers.add(w);
            tallies.add(w);
            threads.add(Thread.ofPlatform().daemon().name("preflight-load-", i + 1).start(w));
        }
        threads.forEach(LoadGenerator::joinUninterruptibly);
        return claimed.get() >= spec.maxRequests() ? "the request bound" : "the time bound";
    }

    /**
     * The closed model over plain HTTP: the connections shared among as many event loops as there are
     * processors, connection i on loop i mod K, so that the ramp brings every loop its share.
     */
    private String loops(LoadModel.Closed model, long deadline) {
        AtomicLong claimed = new AtomicLong();
        int n = model.connections();
        int k = Math.min(n, Runtime.getRuntime().availableProcessors());
        EventLoop.Run run = new EventLoop.Run(address, requests, heads, mix, spec.timeout().toNanos(), spec.maxRequests(), deadline,
                claimed, () -> stopping);
        List<EventLoop> loops = new ArrayList<>();
        for (int l = 0; l < k; l++) {
            long[] begins = new long[(n - l + k - 1) / k];
            for (int j = 0; j < begins.length; j++) {
                begins[j] = start + spec.ramp().toNanos() * (l + (long) j * k) / n;
            }
            Tally tally = new Tally();
            tallies.add(tally);
            loops.add(new EventLoop(run, begins, tally));
        }
        for (EventLoop loop : loops) {
            threads.add(Thread.ofPlatform().daemon().name("preflight-load-loop-", threads.size() + 1).start(() -> {
                try {
                    loop.run();
                } finally {
                    addOwnCpu();
                }
            }));
        }
        threads.forEach(LoadGenerator::joinUninterruptibly);
        return claimed.get() >= spec.maxRequests() ? "the request bound" : "the time bound";
    }

    private void addOwnCpu() {
        long cpu = THREADS.getCurrentThreadCpuTime();
        if (cpu > 0) {
            workerCpuNanos.addAndGet(cpu);
        }
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }
}
