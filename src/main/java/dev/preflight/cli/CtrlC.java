package dev.preflight.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C during a long run: the run is told to stop, and the JVM waits up to five seconds for the
 * command to print what it has, so an interrupted run still ends with a report.
 */
final class CtrlC {
    private static final long GRACE_SECONDS = 5;

    private CtrlC() {
    }

    /** Runs {@code body}; Ctrl-C while it runs calls {@code stop} and waits for {@code body} to finish. */
    static <T> T stoppable(Runnable stop, Callable<T> body) throws Exception {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.run();
            try {
                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "preflight-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return body.call();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running because of Ctrl-C; what the body printed is the partial report.
            }
        }
    }
}
