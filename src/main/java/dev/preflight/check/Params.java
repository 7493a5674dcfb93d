package dev.preflight.check;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A check's parameters for one item, in canonical text form, keyed by {@link Param#key()}. */
public record Params(Map<String, String> values) {

    public static final Params NONE = new Params(Map.of());

    public Params {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public Optional<String> text(Param p) {
        return Optional.ofNullable(values.get(p.key()));
    }

    public Optional<Integer> count(Param p) {
        return text(p).map(Integer::parseInt);
    }

    public Optional<Long> bytes(Param p) {
        return text(p).map(Param::bytes);
    }

    public Optional<Duration> duration(Param p) {
        return text(p).map(Param::duration);
    }

    public Optional<Double> percent(Param p) {
        return text(p).map(Double::parseDouble);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** These parameters with {@code overrides} laid over them. */
    public Params with(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(values);
        merged.putAll(overrides);
        return new Params(merged);
    }
}
