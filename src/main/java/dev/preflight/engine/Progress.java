package dev.preflight.engine;

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
}
