package dev.preflight.load;

/**
 * One interval of a run, starting {@code startSeconds} after the measured run's start: the requests
 * whose latency it recorded (answered or timed out in it), the errors counted in it, and its latency
 * percentiles in milliseconds. An interval in which nothing was recorded is left out of a timeline.
 */
public record LatencyInterval(double startSeconds, double seconds, long requests, long errors, double p50, double p95, double p99,
                              double max) {
}
