package dev.preflight.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Consumer;

import dev.preflight.load.LoadProgress;

/**
 * One load run's progress on standard error, for {@code load} and {@code check} alike: on a terminal a
 * line redrawn each second and cleared when the run ends; elsewhere (a CI log) one line every ten
 * seconds of the run and one as it ends.
 */
final class LoadProgressLine implements Consumer<LoadProgress> {
    private static final Duration QUIET_EVERY = Duration.ofSeconds(10);

    private final String name;
    private final PrintStream err;
    private final boolean terminal;
    private long lastPrinted;

    LoadProgressLine(String name, PrintStream err, boolean terminal) {
        this.name = name;
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void accept(LoadProgress p) {
        if (terminal) {
            err.print("\r\u001b[2K" + (p.ended() ? "" : "[" + name + "] " + p.line()));
        } else if (p.ended() || p.elapsed().toNanos() - lastPrinted >= QUIET_EVERY.toNanos()) {
            lastPrinted = p.elapsed().toNanos();
            err.println("preflight: [" + name + "] " + p.line());
        }
        err.flush();
    }
}
