package dev.preflight.checks.repo.secrets;

/** A config or baseline file that is not valid TOML or JSON, with where the parser stopped. */
public final class Unparseable extends Exception {
    public Unparseable(int line, int column, String message) {
        super("cannot parse at " + line + ":" + column + ": " + message);
    }
}
