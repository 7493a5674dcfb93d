package dev.preflight.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.preflight.Preflight;
import dev.preflight.binding.Binding;
import dev.preflight.binding.BindingException;
import dev.preflight.check.Catalog;
import dev.preflight.checklist.Checklist;
import dev.preflight.checklist.ChecklistException;
import dev.preflight.checklist.Item;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code preflight lint}: which item binds to which check, with which parameters, and what stays manual and why. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Show how each item binds: its checks and parameters, or why it stays manual. Runs nothing.")
final class LintCommand implements Callable<Integer> {
    private static final int TEXT_WIDTH = 56;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CHECKLIST.md", description = "the checklist")
    Path checklist;

    @Mixin
    ConfigOption config;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text or json (default: text)")
    String format = "text";

    @Option(names = "--ids", description = "also print each item's id (for preflight.yaml bind: and 'preflight attest')")
    boolean ids;

    /** One row of the binding table, as JSON shows it. */
    record Row(String id, int line, String text, List<String> section, String parent, boolean claimed, String source,
               List<Map<String, Object>> checks, String manualReason, boolean group) {
    }

    /** How many items bound, and how. */
    record Summary(int items, int bound, int boundToBuilt, int boundToPlanned, int manual, int groups) {
        static Summary of(List<Binding> bindings) {
            int bound = 0;
            int built = 0;
            int manual = 0;
            int groups = 0;
            for (Binding b : bindings) {
                if (!b.checks().isEmpty()) {
                    bound++;
                    built += b.checks().stream().allMatch(c -> c.entry().implemented()) ? 1 : 0;
                } else if (b.group()) {
                    groups++;
                } else {
                    manual++;
                }
            }
            return new Summary(bindings.size(), bound, built, bound - built, manual, groups);
        }
    }

    @Override
    public Integer call() throws Exception {
        var cfg = config.load();
        Path file = ChecklistLocator.locate(checklist, cfg.checklist());
        Preflight preflight = new Preflight(Catalog.standard(), cfg);
        Checklist parsed;
        List<Binding> bindings;
        try {
            parsed = preflight.read(file);
            bindings = preflight.bind(parsed);
        } catch (ChecklistException | BindingException e) {
            throw new UserError(e);
        }
        switch (format) {
            case "json" -> System.out.print(json(file, bindings));
            case "text" -> System.out.print(text(file, parsed, bindings, ids));
            default -> throw new UserError("--format " + format + " is not one of text, json");
        }
        return 0;
    }

    /**
     * The binding table: one line per item under its section, sub-items indented, then what it binds to:
     * "→ check param=value" (marked "planned" until the check is built), "MANUAL: reason", or "group".
     */
    static String text(Path file, Checklist checklist, List<Binding> bindings, boolean withIds) {
        StringBuilder out = new StringBuilder();
        Map<String, Item> byId = checklist.byId();
        List<String> section = null;
        for (Binding b : bindings) {
            Item item = b.item();
            if (!item.section().equals(section)) {
                section = item.section();
                out.append('\n').append(section.isEmpty() ? "(no section)" : String.join(" › ", section)).append('\n');
            }
            String indent = "  ".repeat(depth(item, byId));
            out.append(String.format("%5d  %-" + TEXT_WIDTH + "s  %s%n", item.line(), clip(indent + item.text()), binding(b)));
            if (withIds) {
                out.append(String.format("%5s  %s%n", "", indent + "id: " + item.id()));
            }
        }
        Summary s = Summary.of(bindings);
        out.append(String.format("%n%s: %d items: %d bound to checks (%d to built checks, %d to planned ones), %d manual, %d groups.%n",
                file, s.items(), s.bound(), s.boundToBuilt(), s.boundToPlanned(), s.manual(), s.groups()));
        if (s.boundToPlanned() > 0) {
            out.append("Items bound to planned checks report SKIP \"not implemented yet\" until those checks are built.\n");
        }
        return out.toString();
    }

    private static String binding(Binding b) {
        if (!b.checks().isEmpty()) {
            String checks = b.checks().stream().map(c -> c.entry().id()
                            + c.params().values().entrySet().stream().map(e -> " " + e.getKey() + "=" + e.getValue()).collect(Collectors.joining())
                            + (c.entry().implemented() ? "" : " (planned)"))
                    .collect(Collectors.joining(", "));
            String from = switch (b.source()) {
                case DIRECTIVE -> "  [its preflight comment]";
                case CONFIG -> "  [preflight.yaml]";
                case CONTEXT -> "  [from its section or parent]";
                default -> "";
            };
            return "→ " + checks + from;
        }
        return b.group() ? "group: the worst of its sub-items" : "MANUAL: " + b.manualReason();
    }

    private static int depth(Item item, Map<String, Item> byId) {
        int depth = 0;
        for (Item at = item; at.parentId() != null && byId.containsKey(at.parentId()); at = byId.get(at.parentId())) {
            depth++;
        }
        return depth;
    }

    private static String clip(String text) {
        return text.length() <= TEXT_WIDTH ? text : text.substring(0, TEXT_WIDTH - 1) + "…";
    }

    static String json(Path file, List<Binding> bindings) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (Binding b : bindings) {
            List<Map<String, Object>> checks = new ArrayList<>();
            for (Binding.BoundCheck c : b.checks()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", c.entry().id());
                m.put("params", c.params().values());
                m.put("implemented", c.entry().implemented());
                checks.add(m);
            }
            Item item = b.item();
            rows.add(new Row(item.id(), item.line(), item.text(), item.section(), item.parentId(), item.claimed(),
                    b.source().name().toLowerCase(Locale.ROOT), checks, b.manualReason(), b.group()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("checklist", file.toString());
        out.put("summary", Summary.of(bindings));
        out.put("items", rows);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out) + "\n";
    }
}
