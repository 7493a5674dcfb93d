package dev.preflight.engine;

import dev.preflight.check.Outcome;
import dev.preflight.check.Params;

/** One check run for one item: what it said and how long it took. */
public record CheckExecution(String checkId, Params params, Outcome outcome, long durationMs) {
}
