package dev.preflight.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.load.Scenarios;
import dev.preflight.binding.Binding;
import dev.preflight.check.Catalog;
import dev.preflight.check.CatalogEntry;
import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Severity;
import dev.preflight.check.Status;
import dev.preflight.check.TargetKind;
import dev.preflight.checklist.Directive;
import dev.preflight.checklist.Item;
import dev.preflight.checks.http.HealthCheck;
import dev.preflight.collect.LocalServer;

/** The engine with tiny real checks: concurrency, timeouts, the deadline, interruption, sharing and skips. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EngineTest {
    private static final Duration LONG = Duration.ofMinutes(10);

    @TempDir
    Path repo;

    /** Waits for its partner at a barrier: both pass only if they run at the same time. */
    @CheckInfo(id = "test.meet", title = "Meets its partner", target = TargetKind.REPO, phrases = "meet")
    record Meet(CyclicBarrier barrier) implements Check {
        @Override
        public Outcome run(CheckContext context) throws Exception {
            barrier.await(20, TimeUnit.SECONDS);
            return Outcome.pass("met");
        }
    }

    /** Says it started, then blocks until released (or interrupted). */
    @CheckInfo(id = "test.block", title = "Blocks", target = TargetKind.REPO, phrases = "block")
    record Block(CountDownLatch started, CountDownLatch release) implements Check {
        @Override
        public Outcome run(CheckContext context) throws Exception {
            started.countDown();
            release.await();
            return Outcome.pass("released");
        }
    }

    @CheckInfo(id = "test.count", title = "Counts its runs", target = TargetKind.REPO, phrases = "count", params = "minLength")
    record Count(AtomicInteger runs) implements Check {
        @Override
        public Outcome run(CheckContext context) {
            runs.incrementAndGet();
            return Outcome.pass("counted");
        }
    }

    @CheckInfo(id = "test.throw", title = "Throws", target = TargetKind.REPO, phrases = "throw")
    record Throw() implements Check {
        @Override
        public Outcome run(CheckContext context) {
            throw new IllegalStateException("boom");
        }
    }

    @CheckInfo(id = "test.url", title = "Needs a URL", target = TargetKind.URL, phrases = "url")
    record NeedsUrl(AtomicInteger runs) implements Check {
        @Override
        public Outcome run(CheckContext context) {
            runs.incrementAndGet();
            return Outcome.pass(context.http().get("/health").status() + "");
        }
    }

    @CheckInfo(id = "test.burst", title = "Sends a burst", target = TargetKind.URL, phrases = "burst", active = true)
    record Burst(AtomicInteger runs) implements Check {
        @Override
        public Outcome run(CheckContext context) {
            runs.incrementAndGet();
            return Outcome.pass("burst sent");
        }
    }

    /** Records which snapshot and which file listing it was given. */
    @CheckInfo(id = "test.files", title = "Lists files", target = TargetKind.REPO, phrases = "files")
    record Files(Set<Object> snapshots, Set<Object> listings) implements Check {
        @Override
        public Outcome run(CheckContext context) {
            snapshots.add(context.repo());
            listings.add(context.repo().files());
            return Outcome.pass(context.repo().files().size() + " files");
        }
    }

    private static int line = 0;

    private static Binding bind(String text, Check check) {
        return bind(text, check, Params.NONE);
    }

    private static Binding bind(String text, Check check, Params params) {
        return bind(text, Catalog.entryOf(check), params);
    }

    private static Binding bind(String text, CatalogEntry entry, Params params) {
        Item item = new Item("s/" + text.replace(' ', '-') + "-" + ++line, text, false, line, List.of("S"), null, Directive.NONE);
        return new Binding(item, List.of(new Binding.BoundCheck(entry, params)), Binding.Source.PHRASE, null, false);
    }

    private static RunOptions options(Duration checkTimeout, Duration deadline, boolean active) {
        return new RunOptions(active, checkTimeout, deadline, Map.of(), Duration.ofSeconds(10), null, null, null, Scenarios.NONE);
    }

    private Targets repoOnly() {
        return new Targets(repo, List.of(), List.of());
    }

    private static CheckExecution only(RunResult result, Binding binding) {
        List<CheckExecution> executions = result.executions(binding.item().id());
        assertThat(executions).hasSize(1);
        return executions.getFirst();
    }

    @Test
    void runsChecksConcurrently() {
        CyclicBarrier barrier = new CyclicBarrier(2);
        Binding a = bind("meet one", new Meet(barrier));
        Binding b = bind("meet two", new Meet(barrier));

        RunResult result = new Engine(options(LONG, LONG, false)).run(List.of(a, b), repoOnly(), Progress.SILENT);

        assertThat(only(result, a).outcome().status()).isEqualTo(Status.PASS);
        assertThat(only(result, b).outcome().status()).isEqualTo(Status.PASS);
    }

    @Test
    void aCheckThatOutlivesItsTimeoutIsAnError() {
        CountDownLatch never = new CountDownLatch(1);
        Binding slow = bind("block", new Block(new CountDownLatch(1), never));
        Binding quick = bind("count", new Count(new AtomicInteger()));

        RunResult result = new Engine(options(Duration.ofMillis(300), LONG, false)).run(List.of(slow, quick), repoOnly(), Progress.SILENT);

        assertThat(only(result, slow).outcome()).extracting(Outcome::status, Outcome::summary)
                .containsExactly(Status.ERROR, "timed out after 300 ms");
        assertThat(only(result, quick).outcome().status()).isEqualTo(Status.PASS);
        assertThat(result.interrupted()).isFalse();
    }

    @Test
    void theRunDeadlineEndsUnfinishedChecks() {
        Binding slow = bind("block", new Block(new CountDownLatch(1), new CountDownLatch(1)));
        Binding quick = bind("count", new Count(new AtomicInteger()));

        RunResult result = new Engine(options(LONG, Duration.ofMillis(500), false)).run(List.of(slow, quick), repoOnly(), Progress.SILENT);

        assertThat(only(result, slow).outcome()).extracting(Outcome::status, Outcome::summary)
                .containsExactly(Status.ERROR, "run deadline of 500 ms reached");
        assertThat(only(result, quick).outcome().status()).isEqualTo(Status.PASS);
    }

    @Test
    void interruptFromAnotherThreadEndsTheRunWithAPartialResult() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Binding slow = bind("block", new Block(started, new CountDownLatch(1)));
        Binding quick = bind("count", new Count(new AtomicInteger()));
        Engine engine = new Engine(options(LONG, LONG, false));
        Thread.ofPlatform().start(() -> {
            try {
                started.await();
                engine.interrupt();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        // Returns only because of the interrupt: the check's timeout and the run's deadline are ten minutes.
        RunResult result = engine.run(List.of(slow, quick), repoOnly(), Progress.SILENT);

        assertThat(result.interrupted()).isTrue();
        assertThat(only(result, slow).outcome()).extracting(Outcome::status, Outcome::summary)
                .containsExactly(Status.ERROR, "interrupted");
    }

    @Test
    void interruptBeforeTheRunStartsMarksEverythingInterrupted() {
        AtomicInteger runs = new AtomicInteger();
        Binding count = bind("count", new Count(runs));
        Engine engine = new Engine(options(LONG, LONG, false));
        engine.interrupt();

        RunResult result = engine.run(List.of(count), repoOnly(), Progress.SILENT);

        assertThat(only(result, count).outcome().summary()).isEqualTo("interrupted");
        assertThat(result.interrupted()).isTrue();
    }

    @Test
    void aThrowingCheckIsAnErrorNotACrash() {
        Binding boom = bind("throw", new Throw());
        Binding fine = bind("count", new Count(new AtomicInteger()));

        RunResult result = new Engine(RunOptions.defaults()).run(List.of(boom, fine), repoOnly(), Progress.SILENT);

        assertThat(only(result, boom).outcome()).extracting(Outcome::status, Outcome::summary)
                .containsExactly(Status.ERROR, "the check itself failed: IllegalStateException: boom");
        assertThat(only(result, fine).outcome().status()).isEqualTo(Status.PASS);
    }

    @Test
    void theSameCheckWithTheSameParamsAndWordsRunsOnce() {
        AtomicInteger runs = new AtomicInteger();
        Count count = new Count(runs);
        Params min32 = new Params(Map.of("minLength", "32"));
        Binding first = bind("count", count, min32);
        Binding twin = bind("count", count, min32);
        Binding otherParams = bind("count", count, new Params(Map.of("minLength", "64")));

        RunResult result = new Engine(RunOptions.defaults()).run(List.of(first, twin, otherParams), repoOnly(), Progress.SILENT);

        assertThat(runs).hasValue(2);
        assertThat(only(result, twin)).isSameAs(only(result, first));
        assertThat(only(result, otherParams).outcome().status()).isEqualTo(Status.PASS);
    }

    @Test
    void aCheckWhoseTargetWasNotGivenIsAnUnverifiedSkip() {
        AtomicInteger runs = new AtomicInteger();
        Binding url = bind("url", new NeedsUrl(runs));

        RunResult result = new Engine(RunOptions.defaults()).run(List.of(url), repoOnly(), Progress.SILENT);

        Outcome outcome = only(result, url).outcome();
        assertThat(outcome).extracting(Outcome::status, Outcome::summary).containsExactly(Status.SKIP, "no --url given");
        assertThat(outcome.isUnverified()).isTrue();
        assertThat(runs).hasValue(0);
    }

    @Test
    void aPlannedCheckIsSkippedAsNotImplementedYet() {
        CatalogEntry planned = new CatalogEntry("http.rate-limit", "Rate limiting", TargetKind.URL, Severity.HIGH,
                List.of(), Set.of(), List.of(), true, null, "#4");
        Binding item = bind("rate limiting", planned, Params.NONE);

        RunResult result = new Engine(RunOptions.defaults()).run(List.of(item), Targets.none(), Progress.SILENT);

        Outcome outcome = only(result, item).outcome();
        assertThat(outcome).extracting(Outcome::status, Outcome::summary)
                .containsExactly(Status.SKIP, "not implemented yet (planned in issue #4)");
        assertThat(outcome.isUnverified()).isTrue();
    }

    @Test
    void anActiveCheckRunsOnlyWithActive() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Binding burst = bind("burst", new Burst(runs));
        try (LocalServer server = LocalServer.start()) {
            Targets targets = new Targets(null, List.of(server.base()), List.of());

            RunResult passive = new Engine(options(LONG, LONG, false)).run(List.of(burst), targets, Progress.SILENT);
            assertThat(only(passive, burst).outcome()).extracting(Outcome::status, Outcome::summary, Outcome::isUnverified)
                    .containsExactly(Status.SKIP, "needs --active (it sends more than a few GET requests)", true);
            assertThat(runs).hasValue(0);

            RunResult active = new Engine(options(LONG, LONG, true)).run(List.of(burst), targets, Progress.SILENT);
            assertThat(only(active, burst).outcome().status()).isEqualTo(Status.PASS);
            assertThat(runs).hasValue(1);
        }
    }

    @Test
    void theRepositoryIsWalkedOncePerRun() throws Exception {
        java.nio.file.Files.writeString(repo.resolve("README.md"), "# App\n");
        Set<Object> snapshots = ConcurrentHashMap.newKeySet();
        Set<Object> listings = ConcurrentHashMap.newKeySet();
        Files files = new Files(snapshots, listings);
        List<Binding> bindings = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            bindings.add(bind("files " + i, files));
        }

        RunResult result = new Engine(RunOptions.defaults()).run(bindings, repoOnly(), Progress.SILENT);

        assertThat(bindings).allSatisfy(b -> assertThat(only(result, b).outcome().summary()).isEqualTo("1 files"));
        assertThat(snapshots).hasSize(1);
        assertThat(listings).hasSize(1);
    }

    @Test
    void eachUrlPathIsFetchedOncePerRun() throws Exception {
        try (LocalServer server = LocalServer.start()) {
            server.route("/health", 200, "application/json", "{\"status\":\"ok\"}");
            AtomicInteger runs = new AtomicInteger();
            List<Binding> bindings = List.of(
                    bind("Test health check endpoint", new HealthCheck()),
                    bind("Check service health", new HealthCheck()),
                    bind("url", new NeedsUrl(runs)));

            RunResult result = new Engine(RunOptions.defaults()).run(bindings, new Targets(null, List.of(server.base()), List.of()),
                    Progress.SILENT);

            assertThat(bindings).allSatisfy(b -> assertThat(only(result, b).outcome().status()).isEqualTo(Status.PASS));
            assertThat(runs).hasValue(1);
            assertThat(server.hits("/health")).isEqualTo(1);
        }
    }

    @Test
    void progressHearsOfEveryCheck() {
        List<String> heard = java.util.Collections.synchronizedList(new ArrayList<>());
        Progress progress = new Progress() {
            @Override
            public void started(int checks) {
                heard.add("started " + checks);
            }

            @Override
            public void finished(CheckExecution execution, int done, int total) {
                heard.add(done + "/" + total);
            }
        };

        new Engine(RunOptions.defaults()).run(List.of(bind("count", new Count(new AtomicInteger())), bind("throw", new Throw())),
                repoOnly(), progress);

        assertThat(heard).containsExactlyInAnyOrder("started 2", "1/2", "2/2");
    }
}
