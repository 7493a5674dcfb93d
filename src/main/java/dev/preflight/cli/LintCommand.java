package dev.preflight.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.preflight.Preflight;
import dev.preflight.binding.Binding;
import dev.preflight.binding.BindingException;
import dev.preflight.check.Catalog;
import dev.preflight.checklist.Checklist;
import dev.preflight.checklist.ChecklistException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code preflight lint}: which item binds to which check, with which parameters, and what stays manual and why. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Show how each item binds: its checks and parameters, or why it stays manual. Runs nothing.")
final class LintCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "CHECKLIST.md", description = "the checklist")
    Path checklist;

    @Mixin
    ConfigOption config;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text or json (default: text)")
    String format = "text";

    /** One row of the binding table, as JSON shows it. */
    record Row(String id, int line, String text, List<String> section, String parent, boolean claimed, String source,
               List<Map<String, Object>> checks, String manualReason, boolean group) {
    }

    @Override
    public Integer call() throws Exception {
        var cfg = config.load();
        Path file = ChecklistLocator.locate(checklist, cfg.checklist());
        Preflight preflight = new Preflight(Catalog.standard(), cfg);
        List<Binding> bindings;
        try {
            Checklist parsed = preflight.read(file);
            bindings = preflight.bind(parsed);
        } catch (ChecklistException | BindingException e) {
            throw new UserError(e);
        }
        switch (format) {
            case "json" -> System.out.print(json(bindings));
            case "text" -> System.out.print(text(file, bindings));
            default -> throw new UserError("--format " + format + " is not one of text, json");
        }
        return 0;
    }

    static String text(Path file, List<Binding> bindings) {
        StringBuilder out = new StringBuilder();
        int bound = 0;
        int manual = 0;
        int groups = 0;
        for (Binding b : bindings) {
            String indent = b.item().parentId() == null ? "" : "  ";
            out.append(String.format("%5d  %s%s%n", b.item().line(), indent, b.item().text()));
            out.append("       ").append(indent).append("id ").append(b.item().id()).append('\n');
            if (!b.checks().isEmpty()) {
                bound++;
                for (Binding.BoundCheck c : b.checks()) {
                    out.append("       ").append(indent).append("→ ").append(c.entry().id())
                            .append(c.params().isEmpty() ? "" : " " + c.params().values())
                            .append(c.entry().implemented() ? "" : "  (not implemented yet)")
                            .append(b.source() == Binding.Source.PHRASE ? "" : "  [" + b.source().name().toLowerCase(java.util.Locale.ROOT) + "]")
                            .append('\n');
                }
            } else if (b.group()) {
                groups++;
                out.append("       ").append(indent).append("→ group: the worst of its sub-items\n");
            } else {
                manual++;
                out.append("       ").append(indent).append("→ MANUAL: ").append(b.manualReason()).append('\n');
            }
        }
        out.append(String.format("%n%s: %d items; %d bound to checks, %d groups, %d manual%n",
                file, bindings.size(), bound, groups, manual));
        return out.toString();
    }

    static String json(List<Binding> bindings) throws Exception {
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
            var item = b.item();
            rows.add(new Row(item.id(), item.line(), item.text(), item.section(), item.parentId(), item.claimed(),
                    b.source().name().toLowerCase(java.util.Locale.ROOT), checks, b.manualReason(), b.group()));
        }
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows) + "\n";
    }
}
