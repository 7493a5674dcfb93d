package dev.preflight.cli;

/** What the process is attached to: colour and progress lines only on a terminal, and never with NO_COLOR. */
final class Console {
    private Console() {
    }

    /**
     * Whether standard input and output are a terminal. From JDK 22 on, {@code System.console()} is not
     * null for redirected streams, and {@code Console.isTerminal()} (not in the 21 API) tells.
     */
    static boolean isTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    static boolean colour() {
        String noColor = System.getenv("NO_COLOR");
        return isTerminal() && (noColor == null || noColor.isEmpty()) && !"dumb".equals(System.getenv("TERM"));
    }
}
