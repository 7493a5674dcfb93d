package dev.preflight.binding;

/** A binding that cannot stand: an unknown check or a bad parameter. The message starts with file:line. */
public final class BindingException extends Exception {
    public BindingException(String message) {
        super(message);
    }
}
