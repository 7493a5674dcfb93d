package dev.preflight.load;

/** A point of a run's percentile curve: the latency below which {@code percentile} percent of the requests were answered. */
public record LatencyPoint(double percentile, double millis) {
}
