package dev.preflight.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.preflight.collect.TrustMaterial;
import picocli.CommandLine.Option;

/** The options that shape requests to a live deployment, declared once for every command that sends them. */
final class ProbeOptions {

    @Option(names = "--ca-cert", paramLabel = "PEM", description = "trust this CA as well as the system's (a private or staging CA)")
    Path caCert;

    @Option(names = "--header", paramLabel = "'Name: value'", description = "a header for every request, e.g. an API key; never reported (repeatable)")
    List<String> headers = new ArrayList<>();

    /** The {@code --header} values; a bad one is named by its name only, since its value may be a credential. */
    Map<String, String> headers() {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String h : headers) {
            int colon = h.indexOf(':');
            String name = colon < 0 ? "" : h.substring(0, colon).strip();
            if (colon < 0 || !name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                throw new UserError("--header needs 'Name: value' (got a header named '" + (colon < 0 ? "?" : name) + "')");
            }
            parsed.put(name, h.substring(colon + 1).strip());
        }
        return parsed;
    }

    /** The trust of {@code --ca-cert}, or null (the system's) when none was given. */
    TrustMaterial trust() {
        if (caCert == null) {
            return null;
        }
        try {
            return TrustMaterial.withExtraCa(caCert);
        } catch (NoSuchFileException e) {
            throw new UserError("--ca-cert " + caCert + ": no such file");
        } catch (IOException | GeneralSecurityException e) {
            // The JDK's reasons name its internal exceptions ("Invalid lenByte"); they tell the user nothing.
            throw new UserError("--ca-cert " + caCert + ": not a readable PEM file of CA certificates");
        }
    }
}
