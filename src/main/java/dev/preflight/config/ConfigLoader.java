package dev.preflight.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads preflight.yaml strictly: an unknown key or a wrong type is an error at its line and column. */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);

    private ConfigLoader() {
    }

    public static PreflightConfig load(Path file) throws ConfigException {
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new ConfigException(file + ": is a directory; give the path of preflight.yaml");
            }
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        if (text.isBlank()) {
            return PreflightConfig.EMPTY;
        }
        try {
            PreflightConfig config = YAML.readValue(text, PreflightConfig.class);
            if (config == null) {
                return PreflightConfig.EMPTY;
            }
            Map<String, Integer> targetLines = keyLines(text, "targets");
            if (config.targets() != null && config.targets().host() != null && config.targets().host().isBlank()) {
                throw new ConfigException(file + ":" + targetLines.get("host") + ": targets.host is empty: give / for this machine or the directory of a mounted root");
            }
            String location = config.backup() == null ? null : config.backup().location();
            if (location != null && !location.startsWith("/")) {
                throw new ConfigException(file + ":" + keyLines(text, "backup").get("location") + ": backup.location '" + location
                        + "' is not an absolute path on the host (e.g. /var/backups/app)");
            }
            return config.from(file.toString(), keyLines(text, "bind"), keyLines(text, "load", "scenarios"), targetLines);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(where(file, keyLocation(text, e.getPath()).orElse(e.getLocation())) + ": unknown key '" + e.getPropertyName()
                    + "' (known here: " + String.join(", ", e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList()) + ")");
        } catch (JsonProcessingException e) {
            throw new ConfigException(where(file, e.getLocation()) + ": " + e.getOriginalMessage().lines().findFirst().orElse("malformed YAML"));
        }
    }

    /**
     * Where the key at {@code path} is written. Records are read through their constructor, so Jackson
     * reports an unknown key at the end of its mapping; the YAML node tree knows the key's own place.
     */
    private static Optional<JsonLocation> keyLocation(String text, List<JsonMappingException.Reference> path) {
        Node node;
        try {
            node = new Yaml().compose(new StringReader(text));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
        Node key = null;
        for (JsonMappingException.Reference ref : path) {
            if (node instanceof MappingNode mapping && ref.getFieldName() != null) {
                NodeTuple tuple = mapping.getValue().stream()
                        .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(ref.getFieldName()))
                        .findFirst().orElse(null);
                if (tuple == null) {
                    return Optional.empty();
                }
                key = tuple.getKeyNode();
                node = tuple.getValueNode();
            } else if (node instanceof SequenceNode sequence && ref.getIndex() >= 0 && ref.getIndex() < sequence.getValue().size()) {
                node = sequence.getValue().get(ref.getIndex());
            } else {
                return Optional.empty();
            }
        }
        if (key == null) {
            return Optional.empty();
        }
        Mark mark = key.getStartMark();
        return Optional.of(new JsonLocation(null, -1, mark.getLine() + 1, mark.getColumn() + 1));
    }

    /** The line of each key of the mapping at {@code path} (e.g. each item id under {@code bind:}). */
    private static Map<String, Integer> keyLines(String text, String... path) {
        Map<String, Integer> lines = new HashMap<>();
        Node node = new Yaml().compose(new StringReader(text));
        for (String key : path) {
            if (!(node instanceof MappingNode mapping)) {
                return lines;
            }
            node = mapping.getValue().stream()
                    .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key))
                    .map(NodeTuple::getValueNode).findFirst().orElse(null);
        }
        if (node instanceof MappingNode mapping) {
            for (NodeTuple entry : mapping.getValue()) {
                if (entry.getKeyNode() instanceof ScalarNode k) {
                    lines.put(k.getValue(), k.getStartMark().getLine() + 1);
                }
            }
        }
        return lines;
    }

    private static String where(Path file, JsonLocation location) {
        return location == null ? file.toString() : file + ":" + location.getLineNr() + ":" + location.getColumnNr();
    }
}
