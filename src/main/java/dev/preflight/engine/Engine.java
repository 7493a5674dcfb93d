package dev.preflight.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.preflight.binding.Binding;
import dev.preflight.check.CatalogEntry;
import dev.preflight.check.CheckContext;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.HttpProbe;
import dev.preflight.collect.RepoSnapshot;
import dev.preflight.collect.db.DatabaseProbe;
import dev.preflight.collect.osv.OsvDatabase;
import dev.preflight.load.LoadRuns;

/**
 * Runs the bound checks concurrently, one virtual thread each, with a timeout per check (but for
 * checks that bound their own time, such as load runs) and a deadline for the run. A check bound to several items with the same parameters and words runs
 * once. The facts checks read (the repository walk, each URL path) are collected once and shared.
 * {@link #interrupt()} ends the run early: unfinished checks become ERROR "interrupted".
 */
public final class Engine {
    private final RunOptions options;
    private final AtomicBoolean interrupted = new AtomicBoolean();
    private final Map<Task, CompletableFuture<CheckExecution>> pending = new java.util.concurrent.ConcurrentHashMap<>();

    public Engine(RunOptions options) {
        this.options = options;
    }

    /** Identical work: the same check with the same parameters on the same words. */
    private record Task(String checkId, Params params, String itemText) {
    }

    public RunResult run(List<Binding> bindings, Targets targets, Progress progress) {
        Instant started = Instant.now();
        RepoSnapshot repo = targets.repo();
        HttpProbe http = targets.urls().isEmpty() ? null
                : HttpProbe.forRun(targets.urls(), options.requestTimeout(), options.trust(), options.headers(),
                        options.requestTimeout(), options.plan(), progress::announce);
        OsvDatabase osv = options.osv() == null ? null : new OsvDatabase(options.osv());
        LoadRuns load = new LoadRuns(options.scenarios(), progress::loadRun);
        DatabaseProbe db = targets.dbs().isEmpty() ? null : new DatabaseProbe(targets.dbs(), options.trust(), targets.dbOrigins());
        Redactor redactor = new Redactor(options.headers(), targets.credentials());

        Map<Task, CompletableFuture<CheckExecution>> tasks = new LinkedHashMap<>();
        Map<String, List<CompletableFuture<CheckExecution>>> byItem = new LinkedHashMap<>();
        AtomicInteger done = new AtomicInteger();
        List<Runnable> toStart = new ArrayList<>();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (Binding binding : bindings) {
                List<CompletableFuture<CheckExecution>> futures = new ArrayList<>();
                for (Binding.BoundCheck bound : binding.checks()) {
                    Task task = new Task(bound.entry().id(), bound.params(), binding.item().text());
                    futures.add(tasks.computeIfAbsent(task, t -> {
                        Outcome early = preDecide(bound.entry(), targets);
                        if (early != null) {
                            return CompletableFuture.completedFuture(new CheckExecution(t.checkId(), t.params(), early, 0));
                        }
                        CompletableFuture<CheckExecution> f = new CompletableFuture<>();
                        CheckContext context = new CheckContext(t.params(), t.itemText(), repo, http, options.active(), osv, load, db,
                                targets.host(), targets.restore());
                        toStart.add(() -> threads.submit(() -> f.complete(execute(bound.entry(), context, redactor))));
                        if (bound.entry().check().info().selfTimed()) {
                            return f;
                        }
                        return f.completeOnTimeout(timedOut(t, "timed out after " + seconds(options.checkTimeout())),
                                options.checkTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    }));
                }
                byItem.put(binding.item().id(), futures);
            }
            int total = tasks.size();
            progress.started(total);
            // Awaiting the progress calls, not just the checks, so the last one is told before the report.
            List<CompletableFuture<Void>> told = tasks.values().stream()
                    .map(f -> f.thenAccept(e -> progress.finished(e, done.incrementAndGet(), total)))
                    .toList();
            pending.putAll(tasks);
            if (interrupted.get()) {
                interrupt();
            }
            toStart.forEach(Runnable::run);
            awaitAll(tasks, told);
        } finally {
            // Checks still blocked in I/O after the deadline are abandoned, not awaited.
            threads.shutdownNow();
        }
        Map<String, List<CheckExecution>> results = new LinkedHashMap<>();
        byItem.forEach((id, futures) -> results.put(id, futures.stream().map(CompletableFuture::join).toList()));
        return new RunResult(bindings, results, targets, started, Instant.now(), interrupted.get());
    }

    /** Ends the run now; what has not finished is reported ERROR "interrupted". Safe from any thread. */
    public void interrupt() {
        interrupted.set(true);
        pending.forEach((task, f) -> f.complete(timedOut(task, "interrupted")));
    }

    private void awaitAll(Map<Task, CompletableFuture<CheckExecution>> tasks, List<CompletableFuture<Void>> told) {
        CompletableFuture<Void> all = CompletableFuture.allOf(told.toArray(CompletableFuture[]::new));
        try {
            all.get(options.runDeadline().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            tasks.forEach((task, f) -> f.complete(timedOut(task, "run deadline of " + seconds(options.runDeadline()) + " reached")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a check future failed", e.getCause());
        }
    }

    private Outcome preDecide(CatalogEntry entry, Targets targets) {
        if (!entry.implemented()) {
            return Outcome.unverified("not implemented yet" + (entry.plannedIn() == null ? "" : " (planned in issue " + entry.plannedIn() + ")"));
        }
        if (!targets.has(entry.target())) {
            return Outcome.unverified(Targets.missing(entry.target()));
        }
        if (entry.active() && !options.active()) {
            // Active URL checks send bursts, uploads, payloads or load; the one active db check writes a scratch database.
            return Outcome.unverified("needs --active (" + (entry.target() == TargetKind.DB ? "it restores a backup into a scratch database"
                    : "it sends more than a few GET requests") + ")");
        }
        return null;
    }

    private CheckExecution execute(CatalogEntry entry, CheckContext context, Redactor redactor) {
        long start = System.nanoTime();
        Outcome outcome;
        try {
            outcome = entry.check().run(context);
        } catch (Exception | StackOverflowError e) {
            outcome = Outcome.error("the check itself failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        return new CheckExecution(entry.id(), context.params(), redactor.redact(outcome), (System.nanoTime() - start) / 1_000_000);
    }

    private static CheckExecution timedOut(Task task, String why) {
        return new CheckExecution(task.checkId(), task.params(), Outcome.error(why), 0);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
