package dev.preflight.collect;

/**
 * A file the project's readers could not parse, with where they stopped (1-based line and column).
 * Checks report it as a finding of its own, "cannot parse at 3:7: ...", and go on with the rest.
 */
public final class CannotParse extends Exception {
    private final int line;
    private final int column;

    public CannotParse(int line, int column, String message) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** "cannot parse at 3:7: mapping values are not allowed here", the form every check reports. */
    public String describe() {
        return "cannot parse at " + line + ":" + column + ": " + getMessage();
    }
}
