package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.collect.LocalServer;

/**
 * Ctrl-C on a real {@code preflight check} process: the run ends at once with a partial report in
 * which the check still waiting on the deployment is ERROR "interrupted" and finished ones keep
 * their results.
 */
class InterruptTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void ctrlCPrintsThePartialReport() throws Exception {
        Path checklist = Files.writeString(dir.resolve("CHECKLIST.md"), """
                # Launch
                ## Monitoring
                - [x] Test health check endpoint
                - [ ] Verify metrics endpoint
                """);
        CountDownLatch healthAsked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (LocalServer server = LocalServer.start()) {
            server.route("/health", exchange -> {
                healthAsked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                LocalServer.respond(exchange, 200, "text/plain", "ok");
            });
            String java = ProcessHandle.current().info().command().orElseThrow();
            Path out = dir.resolve("out.txt");
            Path err = dir.resolve("err.txt");
            Process preflight = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "check", checklist.toString(), "--url", server.base().toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                assertThat(healthAsked.await(60, TimeUnit.SECONDS))
                        .as("the check reached /health; stderr so far:\n%s", Files.readString(err)).isTrue();
                assertThat(progressSays(err, "http.metrics FAIL")).as("the metrics check finished before Ctrl-C").isTrue();
                assertThat(sigintIgnored(preflight.pid()))
                        .as("SIGINT is ignored by the process (inherited from whoever started the build): Ctrl-C cannot be tested here")
                        .isFalse();
                int kill = new ProcessBuilder("kill", "-INT", String.valueOf(preflight.pid())).start().waitFor();
                assertThat(kill).isZero();
                assertThat(preflight.waitFor(60, TimeUnit.SECONDS)).as("preflight ended after Ctrl-C").isTrue();
            } finally {
                release.countDown();
                preflight.destroyForcibly();
            }

            String report = Files.readString(out);
            assertThat(report).as("stderr:\n%s", Files.readString(err))
                    .contains("Interrupted: unfinished checks are reported ERROR.")
                    .containsPattern("(?s)Test health check endpoint.*interrupted")
                    .contains("Verdict: NO-GO");
            assertThat(report).containsPattern("(?s)Verify metrics endpoint.*no metrics endpoint answered 2xx");
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void ctrlCEndsALoadRunWithTheFiguresSoFar() throws Exception {
        try (LocalServer server = LocalServer.start().route("/", 200, "text/plain", "ok")) {
            String java = ProcessHandle.current().info().command().orElseThrow();
            Path out = dir.resolve("load-out.txt");
            Path err = dir.resolve("load-err.txt");
            Process preflight = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "load", "--url", server.base().toString(), "--rate", "20", "--duration", "5m", "--threshold", "p(95)<5s")
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                assertThat(progressSays(err, "preflight: [command-line] 10/300 s"))
                        .as("the run reported progress; stderr so far:\n%s", Files.readString(err)).isTrue();
                assertThat(sigintIgnored(preflight.pid())).as("SIGINT is ignored by the process: Ctrl-C cannot be tested here").isFalse();
                assertThat(new ProcessBuilder("kill", "-INT", String.valueOf(preflight.pid())).start().waitFor()).isZero();
                assertThat(preflight.waitFor(60, TimeUnit.SECONDS)).as("preflight ended after Ctrl-C").isTrue();
            } finally {
                preflight.destroyForcibly();
            }
            assertThat(Files.readString(out)).as("stderr:\n%s", Files.readString(err))
                    .contains("stopped by a request to stop").contains("met      p(95)<5s").contains("  PASS");
            assertThat(server.hits("/")).isBetween(150, 400);
        }
    }

    /** Waits until the progress lines on standard error say {@code words}, for at most a minute. */
    private static boolean progressSays(Path err, String words) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (Files.readString(err).contains(words)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** Whether the process ignores SIGINT, read from its signal mask in /proc. */
    private static boolean sigintIgnored(long pid) throws Exception {
        Path status = Path.of("/proc", String.valueOf(pid), "status");
        List<String> lines = Files.readAllLines(status);
        String mask = lines.stream().filter(l -> l.startsWith("SigIgn:")).findFirst().orElseThrow().substring(7).strip();
        return (Long.parseUnsignedLong(mask, 16) & (1L << 1)) != 0;
    }
}
