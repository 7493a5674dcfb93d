package dev.preflight.config;

/** A preflight.yaml that cannot be used; the message is one line, with file:line:col where known. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}
