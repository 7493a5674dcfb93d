package dev.preflight.collect.db;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A restore tool run with a deadline, its standard output discarded and its standard error kept up to a cap. */
final class ToolRun {
    /** What a tool may write to standard error before the rest is dropped: enough for its first lines. */
    static final int STDERR_CAP = 16 * 1024;

    private ToolRun() {
    }

    sealed interface Run {
        record Exited(int code, String stderr) implements Run {
        }

        record TimedOut() implements Run {
        }

        record Missing() implements Run {
        }
    }

    static Run run(List<String> command, Map<String, String> env, Path stdin, Instant deadline) throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        if (stdin != null) {
            builder.redirectInput(stdin.toFile());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Run.Missing();
        }
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Thread drain = Thread.ofVirtual().start(() -> drain(process.getErrorStream(), stderr));
        try {
            long millis = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
            if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
                return new Run.TimedOut();
            }
            drain.join(Duration.ofSeconds(2));
            synchronized (stderr) {
                return new Run.Exited(process.exitValue(), stderr.toString(StandardCharsets.UTF_8));
            }
        } finally {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }

    /** Reads the stream to its end, keeping the first {@link #STDERR_CAP} bytes: a chatty tool must not block on a full pipe. */
    private static void drain(InputStream in, ByteArrayOutputStream kept) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (kept) {
                    int room = STDERR_CAP - kept.size();
                    if (room > 0) {
                        kept.write(buffer, 0, Math.min(room, n));
                    }
                }
            }
        } catch (IOException e) {
            // The process was stopped: what was read is what there is.
        }
    }
}
