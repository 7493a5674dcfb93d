package dev.preflight.engine;

import java.util.function.Consumer;

import dev.preflight.load.LoadProgress;

/** Told as checks finish; the CLI draws a progress line on a terminal and plain lines elsewhere. */
public interface Progress {
    Progress SILENT = new Progress() {
        @Override
        public void started(int checks) {
        }

        @Override
        public void finished(CheckExecution execution, int done, int total) {
        }
    };

    void started(int checks);

    void finished(CheckExecution execution, int done, int total);

    /** Told before something bounded but heavier than a GET starts (a burst), with its bounds. */
    default void announce(String what) {
    }

    /** Where the load run named {@code run} tells how it goes, once a second and once as it ends. */
    default Consumer<LoadProgress> loadRun(String run) {
        return p -> {
        };
    }
}
