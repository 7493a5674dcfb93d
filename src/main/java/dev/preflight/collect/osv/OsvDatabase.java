package dev.preflight.collect.osv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An OSV export on disk, one advisory per JSON file as osv.dev publishes them, in any folder
 * layout. Read once, on first use, and shared by every check of the run. Withdrawn advisories are
 * dropped; files that are not OSV JSON are kept as problems ("cannot parse at line:col") rather than
 * stopping the read.
 */
public final class OsvDatabase {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private Loaded loaded;

    private record Loaded(Map<String, List<Advisory.Affected>> byPackage, Map<Advisory.Affected, Advisory> owners,
                          int advisories, int withdrawn, Set<Ecosystem> ecosystems, List<String> problems) {
    }

    public OsvDatabase(Path directory) {
        this.directory = directory;
    }

    private synchronized Loaded loaded() {
        if (loaded == null) {
            loaded = load();
        }
        return loaded;
    }

    public Path directory() {
        return directory;
    }

    /** How many advisories were read (withdrawn ones not counted). */
    public int size() {
        return loaded().advisories();
    }

    public int withdrawn() {
        return loaded().withdrawn();
    }

    /** The ecosystems at least one advisory covers: a dependency of another ecosystem was not verified. */
    public Set<Ecosystem> ecosystems() {
        return loaded().ecosystems();
    }

    /** Files that could not be read as OSV advisories, each as "path: cannot parse at line:col: reason". */
    public List<String> problems() {
        return loaded().problems();
    }

    /** The advisories that affect {@code name} at {@code version}, each once. */
    public List<Advisory> affecting(Ecosystem ecosystem, String name, String version) {
        Loaded db = loaded();
        Set<Advisory> out = new LinkedHashSet<>();
        for (Advisory.Affected a : db.byPackage().getOrDefault(key(ecosystem, name), List.of())) {
            try {
                if (a.affects(version)) {
                    out.add(db.owners().get(a));
                }
            } catch (IllegalArgumentException notOrderable) {
                // A version the ecosystem cannot order matches only an explicit versions list, checked first.
            }
        }
        return List.copyOf(out);
    }

    private static String key(Ecosystem ecosystem, String name) {
        return ecosystem.osvName() + "\0" + ecosystem.normalize(name);
    }

    private Loaded load() {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<Advisory.Affected>> byPackage = new HashMap<>();
        Map<Advisory.Affected, Advisory> owners = new java.util.IdentityHashMap<>();
        Set<Ecosystem> ecosystems = EnumSet.noneOf(Ecosystem.class);
        List<String> problems = new ArrayList<>();
        int count = 0;
        int withdrawn = 0;
        for (Path file : files) {
            String relative = directory.relativize(file).toString().replace('\\', '/');
            JsonNode node;
            try {
                node = JSON.readTree(file.toFile());
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                problems.add(relative + ": cannot parse at " + (at == null ? "?" : at.getLineNr() + ":" + at.getColumnNr())
                        + ": " + e.getOriginalMessage().lines().findFirst().orElse("malformed JSON"));
                continue;
            } catch (IOException e) {
                problems.add(relative + ": cannot be read (" + e.getMessage() + ")");
                continue;
            }
            if (node == null || !node.path("id").isTextual() || !node.path("affected").isArray()) {
                problems.add(relative + ": not an OSV advisory (no id or affected list)");
                continue;
            }
            if (node.hasNonNull("withdrawn")) {
                withdrawn++;
                continue;
            }
            Advisory advisory = OsvJson.advisory(node, relative);
            count++;
            for (Advisory.Affected a : advisory.affected()) {
                byPackage.computeIfAbsent(key(a.ecosystem(), a.name()), k -> new ArrayList<>()).add(a);
                owners.put(a, advisory);
                ecosystems.add(a.ecosystem());
            }
        }
        return new Loaded(byPackage, owners, count, withdrawn, Set.copyOf(ecosystems), List.copyOf(problems));
    }
}
