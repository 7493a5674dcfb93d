package dev.preflight.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.preflight.config.ConfigException;
import dev.preflight.config.PreflightConfig;
import dev.preflight.text.Durations;

/**
 * The load scenarios of preflight.yaml, each checked when the file is read so that a mistake is one line
 * naming the scenario's place, before anything is sent. Every scenario is bounded: a duration (15 s unless
 * given, an hour at most) and a request count (by default what its rate fills its duration with, or
 * 1,000 per connection for the closed model).
 */
public final class Scenarios {
    public static final Scenarios NONE = new Scenarios(Map.of(), null);
    static final Duration DEFAULT_DURATION = Duration.ofSeconds(15);
    static final double DEFAULT_RATE = 20;
    static final Duration MAX_DURATION = Duration.ofHours(1);
    static final long MAX_REQUESTS = 10_000_000;
    static final long REQUESTS_PER_CONNECTION = 1_000;
    static final long MAX_FILE_BYTES = 32L << 20;

    private final Map<String, Scenario> byName;
    private final String defaultName;

    private Scenarios(Map<String, Scenario> byName, String defaultName) {
        this.byName = byName;
        this.defaultName = defaultName;
    }

    /** The scenarios of {@code config}; files named by uploads are read relative to the config file. */
    public static Scenarios from(PreflightConfig config) throws ConfigException {
        PreflightConfig.Load load = config.load();
        Path base = config.source() == null ? Path.of("") : Optional.ofNullable(Path.of(config.source()).toAbsolutePath().getParent())
                .orElse(Path.of(""));
        Map<String, Scenario> byName = new LinkedHashMap<>();
        for (Map.Entry<String, PreflightConfig.Scenario> e : load.scenarios().entrySet()) {
            String where = config.whereScenario(e.getKey());
            if (e.getValue() == null) {
                throw new ConfigException(where + ": load scenario '" + e.getKey() + "' is empty");
            }
            byName.put(e.getKey(), read(e.getKey(), where, e.getValue(), base));
        }
        if (load.defaultScenario() != null && !byName.containsKey(load.defaultScenario())) {
            throw new ConfigException((config.source() == null ? "preflight.yaml" : config.source()) + ": load.default names '"
                                      + load.defaultScenario() + "', which is not among the scenarios" + known(byName));
        }
        return new Scenarios(java.util.Collections.unmodifiableMap(byName), load.defaultScenario());
    }

    private static String known(Map<String, Scenario> byName) {
        return byName.isEmpty() ? " (there are none)" : " (" + String.join(", ", byName.keySet()) + ")";
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    /** The scenarios in the order the file writes them. */
    public List<Scenario> all() {
        return List.copyOf(byName.values());
    }

    /** The scenario named {@code name}, or a message naming the ones there are. */
    public Scenario named(String name) {
        Scenario s = byName.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no load scenario '" + name + "' in preflight.yaml" + known(byName));
        }
        return s;
    }

    /** The scenario load items use unless they name one: {@code load.default}, or the only one there is. */
    public Optional<Scenario> standard() {
        if (defaultName != null) {
            return Optional.of(byName.get(defaultName));
        }
        return byName.size() == 1 ? Optional.of(byName.values().iterator().next()) : Optional.empty();
    }

    /** One scenario as written, checked; {@code where} names its place in messages, {@code base} is where its files are. */
    public static Scenario read(String name, String where, PreflightConfig.Scenario s, Path base) throws ConfigException {
        String at = where + ": load scenario '" + name + "': ";
        if (s.rate() != null && s.connections() != null) {
            throw new ConfigException(at + "give rate (open model) or connections (closed model), not both");
        }
        LoadModel model;
        try {
            model = s.connections() != null ? new LoadModel.Closed(s.connections()) : new LoadModel.Open(s.rate() == null ? DEFAULT_RATE : s.rate());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(at + e.getMessage());
        }
        Duration duration = duration(at, "duration", s.duration(), DEFAULT_DURATION);
        Duration warmup = duration(at, "warmup", s.warmup(), Duration.ZERO);
        Duration ramp = duration(at, "ramp", s.ramp(), Duration.ZERO);
        Duration timeout = duration(at, "timeout", s.timeout(), LoadSpec.DEFAULT_TIMEOUT);
        if (duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
            throw new ConfigException(at + "duration must be above 0 and at most 1h");
        }
        if (warmup.compareTo(duration) >= 0 || ramp.compareTo(duration) > 0) {
            throw new ConfigException(at + "warmup must be shorter than the duration, and the ramp no longer than it");
        }
        if (timeout.isZero()) {
            throw new ConfigException(at + "timeout must be above 0");
        }
        long defaultMax = switch (model) {
            case LoadModel.Open open -> Math.max(1, new Schedule(open.perSecond(), ramp).requestsBefore(duration.toNanos()));
            case LoadModel.Closed closed -> closed.connections() * REQUESTS_PER_CONNECTION;
        };
        long maxRequests = s.maxRequests() == null ? defaultMax : s.maxRequests();
        if (maxRequests < 1 || maxRequests > MAX_REQUESTS) {
            throw new ConfigException(at + "maxRequests must be between 1 and " + MAX_REQUESTS);
        }
        List<Threshold> thresholds = new ArrayList<>();
        for (String t : s.thresholds()) {
            try {
                thresholds.add(Threshold.parse(t));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(at + e.getMessage());
            }
        }
        List<PreflightConfig.Request> written = s.requests().isEmpty()
                ? List.of(new PreflightConfig.Request(null, "/", null, null, null, null, null)) : s.requests();
        List<LoadRequest> requests = new ArrayList<>();
        boolean uploads = false;
        for (int i = 0; i < written.size(); i++) {
            PreflightConfig.Request r = written.get(i);
            if (r == null) {
                throw new ConfigException(at + "request " + (i + 1) + " is empty");
            }
            requests.add(request(at + "request " + (i + 1) + ": ", r, base));
            uploads |= r.file() != null;
        }
        return new Scenario(name, where, requests, model, duration, warmup, ramp, maxRequests, timeout, thresholds,
                Boolean.TRUE.equals(s.abortOnFail()), uploads);
    }

    private static Duration duration(String at, String key, String value, Duration fallback) throws ConfigException {
        if (value == null) {
            return fallback;
        }
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(at + key + ": '" + value + "' is not a duration such as 500ms, 30s or 5m");
        }
    }

    private static LoadRequest request(String at, PreflightConfig.Request r, Path base) throws ConfigException {
        if (r.body() != null && r.file() != null) {
            throw new ConfigException(at + "give a body or a file, not both");
        }
        String method = r.method() != null ? r.method() : r.body() != null || r.file() != null ? "POST" : "GET";
        Map<String, String> headers = new LinkedHashMap<>(r.headers());
        for (String h : headers.keySet()) {
            if (!h.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+") || h.equalsIgnoreCase("Host") || h.equalsIgnoreCase("Content-Length")) {
                throw new ConfigException(at + "'" + h + "' cannot be given as a request header here");
            }
        }
        byte[] body = null;
        String note = null;
        if (r.body() != null) {
            body = r.body().getBytes(StandardCharsets.UTF_8);
        } else if (r.file() != null) {
            Path file = base.resolve(r.file());
            byte[] content = readFile(at, file);
            String field = r.field() == null ? "file" : r.field();
            Multipart upload = Multipart.of(field, file.getFileName().toString(), content);
            body = upload.body();
            headers.put("Content-Type", upload.contentType());
            note = "file " + file.getFileName() + ", " + size(content.length) + ", as multipart field '" + field + "'";
        } else if (r.field() != null) {
            throw new ConfigException(at + "field names the form field of a file upload; give file too");
        }
        try {
            return new LoadRequest(method, r.path() == null ? "/" : r.path(), headers, body, note, r.weight() == null ? 1 : r.weight());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(at + e.getMessage());
        }
    }

    private static byte[] readFile(String at, Path file) throws ConfigException {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ConfigException(at + "file " + file + " is larger than " + size(MAX_FILE_BYTES));
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(at + "file " + file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(at + "file " + file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    static String size(long bytes) {
        if (bytes >= 1 << 20) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1 << 20));
        }
        return bytes >= 1024 ? String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0) : bytes + " bytes";
    }
}
