package dev.preflight.load;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import dev.preflight.collect.Memo;

/**
 * The load runs of one Preflight run. Checks that ask for the same run (an item's latency and its error
 * rate, judged on the same requests) share one; different runs take turns, first come first served, so
 * that no run's latency holds another's load.
 */
public final class LoadRuns {
    private final Scenarios scenarios;
    private final ConcurrentHashMap<LoadSpec, Memo<LoadResult>> runs = new ConcurrentHashMap<>();
    private final ReentrantLock turn = new ReentrantLock(true);
    private final java.util.Set<LoadSpec> planned = ConcurrentHashMap.newKeySet();

    public LoadRuns(Scenarios scenarios) {
        this.scenarios = scenarios;
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
