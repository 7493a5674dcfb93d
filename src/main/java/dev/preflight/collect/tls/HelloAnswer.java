package dev.preflight.collect.tls;

/** How a server answered one ClientHello: it chose a version and suite, refused, or did not answer. */
public sealed interface HelloAnswer {

    /** One line for evidence. */
    String describe();

    record Accepted(String version, String suite) implements HelloAnswer {
        public String describe() {
            return "accepted: " + version + " with " + suite;
        }
    }

    record Refused(String reason) implements HelloAnswer {
        public String describe() {
            return "refused (" + reason + ")";
        }
    }

    /** Not a verdict on the server's TLS: a timeout, a refused connection, or a plan that sent nothing. */
    record NoAnswer(String reason) implements HelloAnswer {
        public String describe() {
            return "no answer: " + reason;
        }
    }
}
