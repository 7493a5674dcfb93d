package dev.preflight.checklist;

/** A checklist that cannot be read; the message is one line, starting with {@code file:line} where there is one. */
public final class ChecklistException extends Exception {
    public ChecklistException(String message) {
        super(message);
    }
}
