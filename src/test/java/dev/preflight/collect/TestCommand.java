package dev.preflight.collect;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A program a test needs, run to its end within a time limit; a missing program, a timeout or a failure fails the test with its output. */
public final class TestCommand {
    private TestCommand() {
    }

    /** Runs {@code command}, its output going to {@code log}, and fails the test unless it exits 0 within {@code limit}. */
    public static void run(Duration limit, Path log, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                fail(String.join(" ", command) + " did not finish within " + limit.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                fail(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n" + Files.readString(log));
            }
        } catch (IOException e) {
            fail(command.getFirst() + " is needed by this test and could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while running " + command.getFirst());
        }
    }
}
