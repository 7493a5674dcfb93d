package dev.preflight.load;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.preflight.collect.Memo;

/**
 * The load runs of one Preflight run. Checks that ask for the same run (an item's latency and its error
 * rate, judged on the same requests) share one; different runs take turns, first come first served, so
 * that no run's latency holds another's load. Each run sent tells its progress to the sink the run's
 * owner gave (the CLI's progress line).
 */
public final class LoadRuns {
    private final Scenarios scenarios;
    private final Function<String, Consumer<LoadProgress>> progress;
    private final ConcurrentHashMap<LoadSpec, Memo<LoadResult>> runs = new ConcurrentHashMap<>();
    private final ReentrantLock turn = new ReentrantLock(true);
    private final java.util.Set<LoadSpec> planned = ConcurrentHashMap.newKeySet();

    /** Load runs whose progress is told to no one. */
    public LoadRuns(Scenarios scenarios) {
        this(scenarios, run -> p -> {
        });
    }

    /** {@code progress} gives, for a run's name, where that run tells how it goes. */
    public LoadRuns(Scenarios scenarios, Function<String, Consumer<LoadProgress>> progress) {
        this.scenarios = scenarios;
        this.progress = progress;
    }

    /** Where the run named {@code run} tells how it goes: for {@code LoadGenerator.run}. */
    public Consumer<LoadProgress> progress(String run) {
        return progress.apply(run);
    }

    public Scenarios scenarios() {
        return scenarios;
    }

    /** The result of {@code spec}, sent by {@code send} when no check has asked for the same run before. */
    public LoadResult run(LoadSpec spec, Supplier<LoadResult> send) {
        return runs.computeIfAbsent(spec, s -> Memo.of(() -> {
            turn.lock();
            try {
                return send.get();
            } finally {
                turn.unlock();
            }
        })).get();
    }

    /**
     * Runs {@code body} while no other load run sends: for a check that watches the service around a
     * run of its own. Runs it sends meanwhile go through {@code LoadGenerator} directly, not shared.
     */
    public <T> T alone(Supplier<T> body) {
        turn.lock();
        try {
            return body.get();
        } finally {
            turn.unlock();
        }
    }

    /** Under --plan: records {@code spec} once, however many checks would share it. */
    public void plan(LoadSpec spec, Runnable record) {
        if (planned.add(spec)) {
            record.run();
        }
    }
}
