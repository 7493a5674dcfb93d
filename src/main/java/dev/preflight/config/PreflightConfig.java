package dev.preflight.config;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * preflight.yaml: targets, per-environment settings, the OSV export to match dependencies against, timeouts, which sections and items block the
 * verdict, and explicit bindings by item id. Every field is optional. {@code source} and
 * {@code bindLines} are not read from the file: the loader sets them so that an error in a binding
 * can name its line.
 */
public record PreflightConfig(
        String checklist,
        Targets targets,
        Map<String, Environment> environments,
        Boolean active,
        String osv,
        Timeouts timeouts,
        Blocking blocking,
        Map<String, List<ConfigBinding>> bind,
        Load load,
        Backup backup,
        @JsonIgnore String source,
        @JsonIgnore Map<String, Integer> bindLines,
        @JsonIgnore Map<String, Integer> scenarioLines) {

    public static final PreflightConfig EMPTY = new PreflightConfig(null, null, Map.of(), null, null, null, null, Map.of(), null, null,
            null, Map.of(), Map.of());

    public PreflightConfig {
        environments = environments == null ? Map.of() : Map.copyOf(environments);
        bind = bind == null ? Map.of() : Map.copyOf(bind);
        load = load == null ? Load.NONE : load;
        bindLines = bindLines == null ? Map.of() : Map.copyOf(bindLines);
        scenarioLines = scenarioLines == null ? Map.of() : Map.copyOf(scenarioLines);
    }

    /** This configuration as read from {@code file}, with the line of each {@code bind:} entry and each load scenario, for messages. */
    public PreflightConfig from(String file, Map<String, Integer> bound, Map<String, Integer> scenarios) {
        return new PreflightConfig(checklist, targets, environments, active, osv, timeouts, blocking, bind, load, backup, file, bound, scenarios);
    }

    /** Where a load scenario is written, as {@code file:line}, or the file alone. */
    public String whereScenario(String name) {
        String file = source == null ? "preflight.yaml" : source;
        Integer line = scenarioLines.get(name);
        return line == null ? file : file + ":" + line;
    }

    /** Where a {@code bind:} entry is written, as {@code file:line}, or the file alone. */
    public String whereBound(String itemId) {
        String file = source == null ? "preflight.yaml" : source;
        Integer line = bindLines.get(itemId);
        return line == null ? file : file + ":" + line;
    }

    public record Targets(String repo, List<String> urls, List<String> dbs) {
        public Targets {
            urls = urls == null ? List.of() : List.copyOf(urls);
            dbs = dbs == null ? List.of() : List.copyOf(dbs);
        }
    }

    public record Environment(List<String> urls, List<String> dbs, Boolean active) {
        public Environment {
            urls = urls == null ? List.of() : List.copyOf(urls);
            dbs = dbs == null ? List.of() : List.copyOf(dbs);
        }
    }

    /**
     * {@code backup:}: where the backups are ({@code location}, a directory on the host) and the administrative
     * URL the restore drill creates and drops its scratch database through ({@code restoreDb}).
     */
    public record Backup(String location, String restoreDb) {
    }

    /** Durations such as "10s", "2m". */
    public record Timeouts(String check, String run) {
    }

    /** Which items decide the verdict; absent means all of them. Section names match any heading of the path. */
    public record Blocking(List<String> sections, List<String> items, @JsonProperty("nonBlockingSections") List<String> nonBlockingSections) {
        public Blocking {
            sections = sections == null ? List.of() : List.copyOf(sections);
            items = items == null ? List.of() : List.copyOf(items);
            nonBlockingSections = nonBlockingSections == null ? List.of() : List.copyOf(nonBlockingSections);
        }
    }

    /**
     * {@code load:}: named scenarios for the load checks and {@code preflight load}; {@code default} names
     * the one load items use unless they name one themselves.
     */
    public record Load(@JsonProperty("default") String defaultScenario, Map<String, Scenario> scenarios) {
        public static final Load NONE = new Load(null, Map.of());

        public Load {
            scenarios = scenarios == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scenarios));
        }
    }

    /**
     * One load scenario as written: {@code rate} (open model, requests a second) or {@code connections}
     * (closed model), durations such as "30s", thresholds in k6's syntax, and the requests it mixes.
     */
    public record Scenario(Double rate, Integer connections, String duration, String warmup, String ramp, Long maxRequests,
                           String timeout, List<String> thresholds, Boolean abortOnFail, List<Request> requests) {
        public Scenario {
            thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
            requests = requests == null ? List.of() : List.copyOf(requests);
        }
    }

    /**
     * One kind of request of a scenario: a {@code body} as text, or a {@code file} (relative to the
     * config file) sent as a multipart upload in the form field {@code field}.
     */
    public record Request(String method, String path, Map<String, String> headers, String body, String file, String field,
                          Integer weight) {
        public Request {
            headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
        }
    }

    /** {@code - check: http.rate-limit} with optional {@code params}; the word {@code manual} keeps the item manual. */
    public record ConfigBinding(String check, Map<String, String> params) {
        public ConfigBinding {
            params = params == null ? Map.of() : Map.copyOf(params);
        }

        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
        public static ConfigBinding named(String check) {
            return new ConfigBinding(check, Map.of());
        }

        public boolean isManual() {
            return "manual".equals(check);
        }
    }
}
