package dev.preflight.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

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
            return config == null ? PreflightConfig.EMPTY : config;
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(where(file, e.getLocation()) + ": unknown key '" + e.getPropertyName()
                    + "' (known here: " + String.join(", ", e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList()) + ")");
        } catch (JsonProcessingException e) {
            throw new ConfigException(where(file, e.getLocation()) + ": " + e.getOriginalMessage().lines().findFirst().orElse("malformed YAML"));
        }
    }

    private static String where(Path file, JsonLocation location) {
        return location == null ? file.toString() : file + ":" + location.getLineNr() + ":" + location.getColumnNr();
    }
}
