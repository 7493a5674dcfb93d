package dev.preflight.checks.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a health endpoint's JSON body says: its overall status and the status of each dependency it
 * reports. Reads the shapes in use: Spring Boot Actuator ({@code {"status":"UP","components":{"db":
 * {"status":"UP"}}}}, and {@code details} before Boot 2.2), the IETF health+json draft
 * ({@code {"status":"pass","checks":{"postgres:connections":[{"status":"pass"}]}}}) and the common
 * hand-written ones ({@code {"status":"ok","db":"ok","redis":"connection refused"}}).
 */
record HealthBody(Health overall, String overallWord, Map<String, Dependency> dependencies) {

    /** In order of concern: the worst of several is the last. */
    enum Health { UP, UNKNOWN, DEGRADED, DOWN }

    /** One reported dependency: its name as the body gives it, its health, and the word that said so. */
    record Dependency(String name, Health health, String word) {
        String describe() {
            return name + " " + word;
        }
    }

    static final HealthBody NONE = new HealthBody(Health.UNKNOWN, null, Map.of());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> UP_WORDS = Set.of("up", "ok", "okay", "pass", "passed", "passing", "healthy", "green", "ready",
            "alive", "live", "available", "running", "online", "success", "connected", "true");
    private static final Set<String> DOWN_WORDS = Set.of("down", "fail", "failed", "failing", "failure", "error", "unhealthy", "red",
            "unavailable", "offline", "out_of_service", "disconnected", "unreachable", "critical", "dead", "false");
    private static final Set<String> DEGRADED_WORDS = Set.of("warn", "warning", "degraded", "yellow", "partial");
    /** Words a hand-written body puts in place of a status when a dependency failed ("connection refused"). */
    private static final Pattern DOWN_PHRASE = Pattern.compile("\\b(refused|unreachable|timed out|timeout|cannot connect|could not connect)\\b");
    /** Objects whose members are dependencies: Spring Boot's components and details, the IETF draft's checks, common names. */
    private static final List<String> CONTAINERS = List.of("components", "details", "checks", "dependencies", "services");
    private static final List<String> STATUS_FIELDS = List.of("status", "healthy");

    /** The body read as JSON; {@link #NONE} when it is not a JSON object (a plain "ok" says nothing more). */
    static HealthBody read(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException notJson) {
            return NONE;
        }
        if (root == null || !root.isObject()) {
            return NONE;
        }
        Optional<String> word = statusWord(root);
        Map<String, Dependency> dependencies = new LinkedHashMap<>();
        for (String container : CONTAINERS) {
            JsonNode members = root.path(container);
            if (members.isObject()) {
                members.fields().forEachRemaining(e -> dependency(e.getKey(), e.getValue()).ifPresent(d -> dependencies.putIfAbsent(d.name(), d)));
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (!STATUS_FIELDS.contains(e.getKey()) && !CONTAINERS.contains(e.getKey())) {
                dependency(e.getKey(), e.getValue()).ifPresent(d -> dependencies.putIfAbsent(d.name(), d));
            }
        }
        return new HealthBody(word.map(HealthBody::health).orElse(Health.UNKNOWN), word.orElse(null), dependencies);
    }

    /** The dependencies whose name (or a word of it: "postgres:connections", "primary-db") matches {@code names}. */
    List<Dependency> matching(Pattern names) {
        List<Dependency> matched = new ArrayList<>();
        for (Dependency d : dependencies.values()) {
            for (String part : d.name().toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
                if (names.matcher(part).matches()) {
                    matched.add(d);
                    break;
                }
            }
        }
        return matched;
    }

    static Health health(String word) {
        String w = word.strip().toLowerCase(Locale.ROOT);
        if (UP_WORDS.contains(w)) {
            return Health.UP;
        }
        if (DOWN_WORDS.contains(w) || DOWN_PHRASE.matcher(w).find()) {
            return Health.DOWN;
        }
        return DEGRADED_WORDS.contains(w) ? Health.DEGRADED : Health.UNKNOWN;
    }

    /**
     * A member is a dependency when its value is a status word, an object with a status, or (IETF)
     * an array of such objects, of which the worst counts. Anything else ("version": "1.2") is not.
     */
    private static Optional<Dependency> dependency(String name, JsonNode value) {
        Optional<String> word = value.isArray() ? worst(value) : value.isObject() ? statusWord(value)
                : value.isTextual() || value.isBoolean() ? Optional.of(value.asText()) : Optional.empty();
        return word.filter(w -> value.isObject() || value.isArray() || health(w) != Health.UNKNOWN)
                .map(w -> new Dependency(name, health(w), w));
    }

    private static Optional<String> worst(JsonNode array) {
        String worst = null;
        for (JsonNode element : array) {
            Optional<String> word = statusWord(element);
            if (word.isPresent() && (worst == null || health(word.get()).compareTo(health(worst)) > 0)) {
                worst = word.get();
            }
        }
        return Optional.ofNullable(worst);
    }

    private static Optional<String> statusWord(JsonNode node) {
        for (String field : STATUS_FIELDS) {
            JsonNode v = node.path(field);
            if (v.isTextual() || v.isBoolean()) {
                return Optional.of(v.asText());
            }
        }
        return Optional.empty();
    }
}
