package dev.preflight.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.preflight.collect.TrustMaterial;

/** The options that shape requests to a live deployment, read the same way by every command that sends them. */
final class ProbeOptions {
    private ProbeOptions() {
    }

    /** {@code --header 'Name: value'} values; a bad one is named by its name only, since its value may be a credential. */
    static Map<String, String> headers(List<String> given) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String h : given) {
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
    static TrustMaterial trust(Path caCert) {
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
