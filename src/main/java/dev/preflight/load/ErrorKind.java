package dev.preflight.load;

/** Why a request of a load run did not succeed. */
public enum ErrorKind {
    STATUS_4XX("4xx"),
    STATUS_5XX("5xx"),
    TIMEOUT("timeout"),
    CONNECT("connect"),
    RESET("reset"),
    PROTOCOL("malformed answer");

    private final String label;

    ErrorKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The kind of an answer's status, or null when the status is not an error. */
    static ErrorKind ofStatus(int status) {
        if (status >= 500) {
            return STATUS_5XX;
        }
        return status >= 400 ? STATUS_4XX : null;
    }
}
