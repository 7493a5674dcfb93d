package dev.preflight.load;

/** How a load run sends its requests. */
public sealed interface LoadModel {

    /**
     * Requests start on a fixed schedule, {@code perSecond} of them a second, whatever the server does;
     * each one's latency counts from its intended start, so a server that stalls cannot hide the stall
     * by holding back the requests that would have measured it (coordinated omission).
     */
    record Open(double perSecond) implements LoadModel {
        public Open {
            if (!(perSecond > 0) || perSecond > 1_000_000) {
                throw new IllegalArgumentException("a rate must be above 0 and at most 1,000,000 a second");
            }
        }
    }

    /**
     * {@code connections} connections each send a request, wait for its answer and repeat; over https
     * each has a platform thread of its own, hence the cap.
     */
    record Closed(int connections) implements LoadModel {
        public Closed {
            if (connections < 1 || connections > 1_000) {
                throw new IllegalArgumentException("connections must be between 1 and 1,000");
            }
        }
    }

    default String describe() {
        return switch (this) {
            case Open o -> "open model, " + trim(o.perSecond()) + " requests a second";
            case Closed c -> "closed model, " + c.connections() + " connections";
        };
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
