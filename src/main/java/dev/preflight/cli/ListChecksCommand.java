package dev.preflight.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.preflight.check.Catalog;
import dev.preflight.check.CatalogEntry;
import dev.preflight.check.Param;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code preflight list-checks}: the catalog. */
@Command(name = "list-checks", mixinStandardHelpOptions = true,
        description = "List every check: id, title, family, target, whether it is built yet, and the phrases it binds.")
final class ListChecksCommand implements Callable<Integer> {

    @Option(names = "--format", paramLabel = "FORMAT", description = "text or json (default: text)")
    String format = "text";

    @Option(names = "--phrases", description = "also print each check's phrases (text format)")
    boolean phrases;

    @Override
    public Integer call() throws Exception {
        List<CatalogEntry> entries = Catalog.standard().entries();
        switch (format) {
            case "text" -> System.out.print(text(entries));
            case "json" -> System.out.print(json(entries));
            default -> throw new UserError("--format " + format + " is not one of text, json");
        }
        return 0;
    }

    private String text(List<CatalogEntry> entries) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-28s %-6s %-6s %-9s %s%n", "ID", "FAMILY", "TARGET", "STATE", "TITLE"));
        for (CatalogEntry e : entries) {
            out.append(String.format("%-28s %-6s %-6s %-9s %s%n", e.id(), e.family(), e.target().label(),
                    e.implemented() ? "built" : "planned", e.title()));
            if (phrases) {
                e.phrases().forEach(p -> out.append("      phrase: ").append(p.pattern()).append('\n'));
            }
        }
        long built = entries.stream().filter(CatalogEntry::implemented).count();
        out.append(String.format("%n%d checks: %d built, %d planned. 'preflight explain ID' tells more about one.%n",
                entries.size(), built, entries.size() - built));
        return out.toString();
    }

    private static String json(List<CatalogEntry> entries) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (CatalogEntry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("title", e.title());
            m.put("family", e.family());
            m.put("target", e.target().label());
            m.put("severity", e.severity());
            m.put("active", e.active());
            m.put("implemented", e.implemented());
            if (e.plannedIn() != null) {
                m.put("plannedIn", e.plannedIn());
            }
            m.put("phrases", e.phrases().stream().map(Pattern::pattern).toList());
            m.put("params", e.params().stream().map(Param::key).sorted().toList());
            m.put("related", e.related());
            out.add(m);
        }
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out) + "\n";
    }
}
