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
        @JsonIgnore String source,
        @JsonIgnore Map<String, Integer> bindLines) {

    public static final PreflightConfig EMPTY = new PreflightConfig(null, null, Map.of(), null, null, null, null, Map.of(), null, Map.of());

    public PreflightConfig {
        environments = environments == null ? Map.of() : Map.copyOf(environments);
        bind = bind == null ? Map.of() : Map.copyOf(bind);
        bindLines = bindLines == null ? Map.of() : Map.copyOf(bindLines);
    }

    /** This configuration as read from {@code file}, with the line of each {@code bind:} entry, for messages. */
    public PreflightConfig from(String file, Map<String, Integer> lines) {
        return new PreflightConfig(checklist, targets, environments, active, osv, timeouts, blocking, bind, file, lines);
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
