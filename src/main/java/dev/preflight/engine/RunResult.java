package dev.preflight.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.preflight.binding.Binding;

/** What a run found: for every item's binding, the executions of its checks, in binding order. */
public record RunResult(List<Binding> bindings, Map<String, List<CheckExecution>> executionsByItem, Targets targets,
                        Instant startedAt, Instant finishedAt, boolean interrupted) {

    public RunResult {
        bindings = List.copyOf(bindings);
        executionsByItem = Map.copyOf(executionsByItem);
    }

    public List<CheckExecution> executions(String itemId) {
        return executionsByItem.getOrDefault(itemId, List.of());
    }
}
