package dev.preflight.collect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a {@code --plan} run would send. Probes made for a plan record each request here instead of
 * sending it: a single request as its request line, a burst as one line with its bounds, a TLS
 * handshake with the versions it offers. Checks run as usual against such probes, so the plan is
 * what their code asks for, not a list kept beside it that could drift.
 */
public final class RequestLog {
    private final Set<String> lines = new LinkedHashSet<>();

    public synchronized void record(String line) {
        lines.add(line);
    }

    public synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }
}
