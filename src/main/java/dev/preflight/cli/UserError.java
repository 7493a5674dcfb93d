package dev.preflight.cli;

/** Bad usage or bad input: printed as one line, exit code 2, never a stack trace. */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(Exception cause) {
        super(cause.getMessage());
    }
}
