package dev.preflight.collect.osv;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads the parts of the OSV schema (https://ossf.github.io/osv-schema/) that matching needs. */
final class OsvJson {
    private OsvJson() {
    }

    static Advisory advisory(JsonNode node, String file) {
        Set<String> aliases = new TreeSet<>();
        node.path("aliases").forEach(a -> aliases.add(a.asText()));
        List<Advisory.Affected> affected = new ArrayList<>();
        for (JsonNode a : node.path("affected")) {
            JsonNode pkg = a.path("package");
            Optional<Ecosystem> ecosystem = Ecosystem.ofOsv(pkg.path("ecosystem").asText());
            if (ecosystem.isEmpty() || !pkg.path("name").isTextual()) {
                continue;
            }
            List<String> versions = new ArrayList<>();
            a.path("versions").forEach(v -> versions.add(v.asText()));
            List<Advisory.Range> ranges = new ArrayList<>();
            for (JsonNode r : a.path("ranges")) {
                String type = r.path("type").asText();
                if (type.equals("ECOSYSTEM") || type.equals("SEMVER")) {
                    ranges.add(new Advisory.Range(type.equals("SEMVER"), events(r.path("events"))));
                }
            }
            affected.add(new Advisory.Affected(ecosystem.get(), pkg.path("name").asText(), versions, ranges));
        }
        return new Advisory(node.path("id").asText(), aliases, node.path("summary").asText(""), affected, file);
    }

    private static List<Advisory.Event> events(JsonNode events) {
        List<Advisory.Event> out = new ArrayList<>();
        for (JsonNode e : events) {
            if (e.hasNonNull("introduced")) {
                out.add(new Advisory.Event(Advisory.Event.Kind.INTRODUCED, e.get("introduced").asText()));
            } else if (e.hasNonNull("fixed")) {
                out.add(new Advisory.Event(Advisory.Event.Kind.FIXED, e.get("fixed").asText()));
            } else if (e.hasNonNull("last_affected")) {
                out.add(new Advisory.Event(Advisory.Event.Kind.LAST_AFFECTED, e.get("last_affected").asText()));
            }
        }
        return out;
    }
}
