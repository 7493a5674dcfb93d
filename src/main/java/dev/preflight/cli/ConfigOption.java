package dev.preflight.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.preflight.config.ConfigException;
import dev.preflight.config.ConfigLoader;
import dev.preflight.config.PreflightConfig;
import picocli.CommandLine.Option;

/** {@code --config}: preflight.yaml, by default the one in the current directory when there is one. */
final class ConfigOption {
    static final String DEFAULT_NAME = "preflight.yaml";

    @Option(names = "--config", paramLabel = "FILE", description = "preflight.yaml (default: ./preflight.yaml when present)")
    Path file;

    PreflightConfig load() {
        Path path = file != null ? file : Files.isRegularFile(Path.of(DEFAULT_NAME)) ? Path.of(DEFAULT_NAME) : null;
        if (path == null) {
            return PreflightConfig.EMPTY;
        }
        try {
            return ConfigLoader.load(path);
        } catch (ConfigException e) {
            throw new UserError(e);
        }
    }
}
