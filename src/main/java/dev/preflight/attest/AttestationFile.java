package dev.preflight.attest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import dev.preflight.config.ConfigException;
import dev.preflight.files.AtomicFiles;

/**
 * {@code preflight-attestations.yaml}, beside the checklist: attestations and waivers, in a readable,
 * diff-friendly form meant to be committed as the audit trail. Written atomically.
 */
public record AttestationFile(List<Attestation> attestations, List<Waiver> waivers) {

    public static final String NAME = "preflight-attestations.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public AttestationFile {
        attestations = attestations == null ? List.of() : List.copyOf(attestations);
        waivers = waivers == null ? List.of() : List.copyOf(waivers);
    }

    public static Path beside(Path checklist) {
        Path dir = checklist.toAbsolutePath().getParent();
        return dir.resolve(NAME);
    }

    public static AttestationFile load(Path file) throws ConfigException {
        try {
            String text = Files.readString(file);
            if (text.isBlank()) {
                return new AttestationFile(List.of(), List.of());
            }
            AttestationFile loaded = YAML.readValue(text, AttestationFile.class);
            return loaded == null ? new AttestationFile(List.of(), List.of()) : loaded;
        } catch (NoSuchFileException e) {
            return new AttestationFile(List.of(), List.of());
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ConfigException(file + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr()) + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("malformed YAML"));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** This file with {@code a} replacing any earlier attestation of the same item. */
    public AttestationFile with(Attestation a) {
        List<Attestation> list = new ArrayList<>(attestations.stream().filter(x -> !x.item().equals(a.item())).toList());
        list.add(a);
        return new AttestationFile(list, waivers);
    }

    public void save(Path file) throws IOException {
        AtomicFiles.write(file, "# Sign-offs and waivers for the checklist beside this file; written by 'preflight attest'.\n"
                + YAML.writeValueAsString(this));
    }
}
