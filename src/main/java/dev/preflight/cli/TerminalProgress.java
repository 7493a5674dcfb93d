package dev.preflight.cli;

import java.io.PrintStream;
import java.util.function.Consumer;

import dev.preflight.engine.CheckExecution;
import dev.preflight.engine.Progress;
import dev.preflight.load.LoadProgress;

/**
 * A progress line redrawn in place on a terminal; on anything else, one plain line per finished check.
 * A load run draws its own line meanwhile, as {@code preflight load} does.
 */
final class TerminalProgress implements Progress {
    private final PrintStream err;
    private final boolean terminal;
    private final long started = System.nanoTime();

    TerminalProgress(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public synchronized void started(int checks) {
        if (!terminal) {
            err.println("preflight: running " + checks + " checks");
        }
    }

    @Override
    public synchronized void announce(String what) {
        err.println((terminal ? "\r\u001b[2K" : "") + "preflight: " + what);
        err.flush();
    }

    @Override
    public Consumer<LoadProgress> loadRun(String run) {
        LoadProgressLine line = new LoadProgressLine(run, err, terminal);
        return p -> {
            synchronized (this) {
                line.accept(p);
            }
        };
    }

    @Override
    public synchronized void finished(CheckExecution e, int done, int total) {
        if (terminal) {
            double seconds = (System.nanoTime() - started) / 1e9;
            err.printf("\r\u001b[2K[%d/%d] %.1fs  %s %s", done, total, seconds, e.checkId(), e.outcome().status());
            if (done == total) {
                err.print("\r\u001b[2K");
            }
        } else {
            err.printf("preflight: [%d/%d] %s %s (%d ms)%n", done, total, e.checkId(), e.outcome().status(), e.durationMs());
        }
        err.flush();
    }
}
