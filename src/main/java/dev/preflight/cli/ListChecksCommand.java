package dev.preflight.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.preflight.check.Catalog;
import dev.preflight.check.CatalogEntry;
import dev.preflight.check.Phrase;
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
            case "text" -> System.out.print(text(entries, phrases));
            case "json" -> System.out.print(json(entries));
            default -> throw new UserError("--format " + format + " is not one of text, json");
        }
        return 0;
    }

    static String text(List<CatalogEntry> entries, boolean phrases) {
        int idWidth = entries.stream().mapToInt(e -> e.id().length()).max().orElse(2);
        String row = "%-" + idWidth + "s  %-7s %-6s %-12s %s%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(row, "ID", "FAMILY", "TARGET", "STATE", "TITLE"));
        for (CatalogEntry e : entries) {
            String state = e.implemented() ? "built" : "planned" + (e.plannedIn() == null ? "" : " " + e.plannedIn());
            out.append(String.format(row, e.id(), e.family(), e.target().label(), state,
                    e.title() + (e.active() ? " [--active]" : "")));
            if (phrases) {
                e.phrases().forEach(p -> out.append(" ".repeat(idWidth + 2)).append("phrase: ").append(p.regex()).append('\n'));
            }
        }
        long built = entries.stream().filter(CatalogEntry::implemented).count();
        out.append(String.format("%n%d checks: %d built, %d planned. 'preflight explain ID' tells more about one; --phrases shows what each binds.%n",
                entries.size(), built, entries.size() - built));
        return out.toString();
    }

    static String json(List<CatalogEntry> entries) throws Exception {
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
            m.put("phrases", e.phrases().stream().map(Phrase::regex).toList());
            m.put("params", e.params().stream().map(Param::key).sorted().toList());
            m.put("related", e.related());
            out.add(m);
        }
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out) + "\n";
    }
}
