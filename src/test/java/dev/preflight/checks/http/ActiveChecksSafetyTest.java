package dev.preflight.checks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Status;
import dev.preflight.collect.HttpProbe;
import dev.preflight.collect.MisbehavingServer;
import dev.preflight.collect.MisbehavingServer.Behaviour;
import dev.preflight.engine.RunOptions;

/**
 * Issue #4's safety promise for the active checks: a server that stalls its headers, drips its body,
 * sends 5 GB, redirects forever, resets connections or answers TLS with garbage makes each check end
 * within the engine's check timeout as ERROR, with a summary that says what happened, having read
 * a bounded amount. Each misbehaviour is met on the first request, and (where a check would go on)
 * after a proper first answer, where the burst, the upload or the payloads meet it.
 */
class ActiveChecksSafetyTest {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    private static final long READ_BOUND = 64L << 20;
    private static ExecutorService threads;
    private static long heapBefore;

    /** One active check as an item binds it, with what it needs to get going. */
    private record Subject(String name, Check check, String item, Map<String, String> params, Map<String, String> headers) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Subject> SUBJECTS = List.of(
            new Subject("http.rate-limit", new RateLimitBurstCheck(), "Rate limiting enabled", Map.of("path", "/api", "burst", "20"), Map.of()),
            new Subject("http.auth", new AuthenticationCheck(), "Test API key authentication", Map.of("path", "/api"), Map.of("X-API-Key", "k-test-123456")),
            new Subject("http.upload-limit (size)", new UploadRefusalCheck(), "Test file size limit", Map.of("path", "/upload", "maxSize", "1MB"), Map.of()),
            new Subject("http.upload-limit (types)", new UploadRefusalCheck(), "Test file type validation", Map.of("path", "/upload"), Map.of()),
            new Subject("http.injection", new InjectionCheck(), "Test SQL injection attempts", Map.of("path", "/search?q=shoes"), Map.of()));

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Behaviour behaviour : Behaviour.values()) {
            for (Subject subject : SUBJECTS) {
                cases.add(Arguments.of(behaviour, false, subject));
                // After a proper first answer a redirect is an ordinary answer, judged by each check's policy,
                // and TLS garbage cannot follow a good handshake.
                if (behaviour != Behaviour.REDIRECT_FOREVER && behaviour != Behaviour.TLS_GARBAGE) {
                    cases.add(Arguments.of(behaviour, true, subject));
                }
            }
        }
        return cases.stream();
    }

    @BeforeAll
    static void start() {
        threads = Executors.newVirtualThreadPerTaskExecutor();
        heapBefore = heapAfterGc();
    }

    @AfterAll
    static void memoryStayedFlat() {
        threads.shutdownNow();
        assertThat(heapAfterGc() - heapBefore).as("heap growth over every hostile run, after a GC").isLessThan(READ_BOUND);
    }

    @ParameterizedTest(name = "{2} against a server that does {0} (after a proper first answer: {1})")
    @MethodSource("cases")
    void endsAsAnErrorThatSaysWhy(Behaviour behaviour, boolean afterFirst, Subject subject) throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start(behaviour, afterFirst)) {
            HttpProbe probe = HttpProbe.forRun(List.of(server.url()), REQUEST_TIMEOUT, null, subject.headers(), REQUEST_TIMEOUT, null, what -> { });
            CheckContext context = new CheckContext(new Params(subject.params()), subject.item(), null, probe, true);
            CompletableFuture<Outcome> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return subject.check().run(context);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, threads);
            Outcome outcome;
            try {
                outcome = run.get(RunOptions.DEFAULT_CHECK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                run.cancel(true);
                outcome = fail(subject + " did not end within the check timeout of " + RunOptions.DEFAULT_CHECK_TIMEOUT.toSeconds() + " s");
            }

            assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.ERROR);
            assertThat(outcome.summary()).containsAnyOf(expectedWords(behaviour));
            assertThat(server.bodyBytesWritten()).as("body bytes the server got to send").isLessThan(READ_BOUND);
        }
    }

    private static String[] expectedWords(Behaviour behaviour) {
        return switch (behaviour) {
            case STALL_HEADERS -> new String[] {"no answer within 1 s"};
            case DRIP_BODY -> new String[] {"but the body did not arrive within 1 s"};
            case ENDLESS_BODY -> new String[] {"with a body over 1 MiB, cut off there (a huge or endless body)"};
            case REDIRECT_FOREVER -> new String[] {"302 redirect to /loop/"};
            case RESET -> new String[] {"request failed: ", "the server closed the connection without an answer"};
            case TLS_GARBAGE -> new String[] {"TLS failed: "};
        };
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
