package dev.preflight.binding;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.preflight.check.Catalog;
import dev.preflight.check.CatalogEntry;
import dev.preflight.check.Param;
import dev.preflight.check.Params;
import dev.preflight.checklist.Checklist;
import dev.preflight.checklist.Directive;
import dev.preflight.checklist.Item;
import dev.preflight.config.PreflightConfig;

/**
 * Binds each item to the checks that verify it. Most explicit wins: the item's own
 * {@code <!-- preflight: ... -->} comment, then preflight.yaml's {@code bind:} by item id, then the
 * catalog's phrases matched against the item's words (and, when those match nothing, against the
 * words of its parent item and section path, which is where "If PostgreSQL:" or "Database Backups"
 * put the subject). Parameters are lifted from the words and filtered to those each check reads.
 */
public final class Binder {
    /** Words of things only a person can do or decide: they make a manual item's reason plainer. */
    private static final Pattern HUMAN_ACTION = Pattern.compile(
            "\\b(purchase|announce|notify|decide|collect (initial )?feedback|train|send|wait for|prepare|buy|plan(ning)?|review|"
                    + "audit|identify|consider|optimi[sz]e|update status page|communicat|approve|sign[- ]off)\\b",
            Pattern.CASE_INSENSITIVE);

    private final Catalog catalog;
    private final PreflightConfig config;

    public Binder(Catalog catalog, PreflightConfig config) {
        this.catalog = catalog;
        this.config = config;
    }

    public List<Binding> bind(Checklist checklist) throws BindingException {
        Map<String, Item> byId = checklist.byId();
        Set<String> parents = new HashSet<>();
        checklist.items().forEach(i -> {
            if (i.parentId() != null) {
                parents.add(i.parentId());
            }
        });
        for (String id : config.bind().keySet()) {
            if (!byId.containsKey(id)) {
                throw new BindingException("preflight.yaml: bind: no item has the id '" + id
                        + "' (see 'preflight lint' for the ids)");
            }
        }
        List<Binding> out = new ArrayList<>();
        for (Item item : checklist.items()) {
            out.add(bind(checklist, item, byId, parents.contains(item.id())));
        }
        return out;
    }

    private Binding bind(Checklist checklist, Item item, Map<String, Item> byId, boolean group) throws BindingException {
        String where = checklist.displayPath() + ":" + item.line();
        Directive directive = item.directive();
        if (directive.manual()) {
            return manual(item, Binding.Source.DIRECTIVE, "marked manual in its preflight comment", group);
        }
        if (!directive.bindings().isEmpty()) {
            List<Binding.BoundCheck> checks = new ArrayList<>();
            for (Directive.ExplicitBinding b : directive.bindings()) {
                checks.add(explicit(where, b.checkId(), b.params(), item.text()));
            }
            return new Binding(item, checks, Binding.Source.DIRECTIVE, null, group);
        }
        List<PreflightConfig.ConfigBinding> configured = config.bind().get(item.id());
        if (configured != null) {
            if (configured.stream().anyMatch(PreflightConfig.ConfigBinding::isManual)) {
                return manual(item, Binding.Source.CONFIG, "marked manual in preflight.yaml", group);
            }
            List<Binding.BoundCheck> checks = new ArrayList<>();
            for (PreflightConfig.ConfigBinding b : configured) {
                checks.add(explicit("preflight.yaml: bind: " + item.id(), b.check(), b.params(), item.text()));
            }
            return new Binding(item, checks, Binding.Source.CONFIG, null, group);
        }
        List<CatalogEntry> matched = match(item.text());
        if (matched.isEmpty()) {
            Item parent = item.parentId() == null ? null : byId.get(item.parentId());
            String context = String.join(" ", item.section()) + " " + (parent == null ? "" : parent.text()) + " " + item.text();
            matched = match(context);
        }
        if (matched.isEmpty()) {
            String reason = group ? null
                    : HUMAN_ACTION.matcher(item.text()).find() ? "a person's action or judgement; no machine can verify it"
                    : "no check in the catalog recognizes these words; bind one with <!-- preflight: CHECK-ID --> if one applies";
            return manual(item, Binding.Source.NONE, reason, group);
        }
        Map<String, String> lifted = WordParams.of(item.text());
        List<Binding.BoundCheck> checks = matched.stream()
                .map(e -> new Binding.BoundCheck(e, new Params(only(e, lifted))))
                .toList();
        return new Binding(item, checks, Binding.Source.PHRASE, null, group);
    }

    private List<CatalogEntry> match(String words) {
        return catalog.entries().stream().filter(e -> e.matches(words)).toList();
    }

    private Binding.BoundCheck explicit(String where, String checkId, Map<String, String> raw, String text) throws BindingException {
        CatalogEntry entry = catalog.find(checkId).orElseThrow(() -> new BindingException(
                where + ": unknown check '" + checkId + "' (see 'preflight list-checks')"));
        Map<String, String> params = new LinkedHashMap<>(only(entry, WordParams.of(text)));
        for (var e : raw.entrySet()) {
            Param param = Param.byKey(e.getKey())
                    .filter(entry.params()::contains)
                    .orElseThrow(() -> new BindingException(where + ": " + checkId + " has no parameter '" + e.getKey() + "'"
                            + (entry.params().isEmpty() ? " (it takes none)" : " (it takes: "
                            + String.join(", ", entry.params().stream().map(Param::key).sorted().toList()) + ")")));
            try {
                params.put(param.key(), param.canonical(String.valueOf(e.getValue())));
            } catch (IllegalArgumentException bad) {
                throw new BindingException(where + ": " + bad.getMessage());
            }
        }
        return new Binding.BoundCheck(entry, new Params(params));
    }

    private static Map<String, String> only(CatalogEntry entry, Map<String, String> lifted) {
        Map<String, String> out = new LinkedHashMap<>();
        lifted.forEach((k, v) -> {
            if (Param.byKey(k).filter(entry.params()::contains).isPresent()) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static Binding manual(Item item, Binding.Source source, String reason, boolean group) {
        return new Binding(item, List.of(), source, reason, group);
    }
}
