package dev.preflight.binding;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.preflight.check.Catalog;
import dev.preflight.check.CatalogEntry;
import dev.preflight.check.Param;
import dev.preflight.check.PhraseIndex;
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
    private final Catalog catalog;
    private final PhraseIndex phrases;
    private final PreflightConfig config;

    public Binder(Catalog catalog, PreflightConfig config) {
        this.catalog = catalog;
        this.phrases = catalog.phraseIndex();
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
                throw new BindingException(config.whereBound(id) + ": bind: no item has the id '" + id
                        + "' (see 'preflight lint' for the ids)");
            }
        }
        // Items bind independently, so a long checklist binds on every core; the first error in file order wins.
        List<Item> items = checklist.items();
        Object[] results = new Object[items.size()];
        java.util.stream.IntStream.range(0, items.size()).parallel().forEach(i -> {
            Item item = items.get(i);
            try {
                results[i] = bind(checklist, item, byId, parents.contains(item.id()));
            } catch (BindingException e) {
                results[i] = e;
            }
        });
        List<Binding> out = new ArrayList<>(results.length);
        for (Object result : results) {
            if (result instanceof BindingException e) {
                throw e;
            }
            out.add((Binding) result);
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
                checks.add(explicit(config.whereBound(item.id()) + ": bind: " + item.id(), b.check(), b.params(), item.text()));
            }
            return new Binding(item, checks, Binding.Source.CONFIG, null, group);
        }
        if (ManualReason.PERSON.appliesTo(item.text())) {
            return manual(item, Binding.Source.NONE, ManualReason.PERSON.text(), group);
        }
        boolean judgement = ManualReason.JUDGEMENT.appliesTo(item.text());
        Binding.Source source = Binding.Source.PHRASE;
        List<CatalogEntry> matched = match(item.text());
        if (matched.isEmpty() && !group && !judgement) {
            source = Binding.Source.CONTEXT;
            matched = match(context(item, byId));
        }
        if (matched.isEmpty()) {
            String reason = group ? null : ManualReason.unbound(item.text()).text();
            return manual(item, Binding.Source.NONE, reason, group);
        }
        Map<String, String> lifted = new LinkedHashMap<>(WordParams.of(item.text()));
        if (source == Binding.Source.CONTEXT && item.parentId() != null) {
            WordParams.of(byId.get(item.parentId()).text()).forEach(lifted::putIfAbsent);
        }
        List<Binding.BoundCheck> checks = matched.stream()
                .map(e -> new Binding.BoundCheck(e, new Params(configured(e, only(e, lifted)))))
                .toList();
        return new Binding(item, checks, source, null, group);
    }

    /**
     * The words around an item: its section path and its parent item, then its own words. Used only when
     * the item's own words match nothing, never for a group (its children carry the subject), and never
     * for an item of judgement: "Identify bottlenecks" under "Load Testing" is still a person's work. The
     * parts are joined with " › " so that a phrase matches across them only when it means to ({@code .*}):
     * "Database" followed by "Connection handling" must not read as "database connection".
     */
    private static String context(Item item, Map<String, Item> byId) {
        List<String> words = new ArrayList<>(item.section());
        if (item.parentId() != null) {
            words.add(byId.get(item.parentId()).text());
        }
        words.add(item.text());
        return String.join(" › ", words);
    }

    private List<CatalogEntry> match(String words) {
        return phrases.match(words);
    }

    private Binding.BoundCheck explicit(String where, String checkId, Map<String, String> raw, String text) throws BindingException {
        CatalogEntry entry = catalog.find(checkId).orElseThrow(() -> new BindingException(
                where + ": unknown check '" + checkId + "' (see 'preflight list-checks')"));
        Map<String, String> params = new LinkedHashMap<>(only(entry, WordParams.of(text)));
        for (var e : new TreeMap<>(raw).entrySet()) {
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
        return new Binding.BoundCheck(entry, new Params(configured(entry, params)));
    }

    /** A backup check's location comes from the item's words, else from backup.location of the config. */
    private Map<String, String> configured(CatalogEntry entry, Map<String, String> params) {
        String location = config.backup() == null ? null : config.backup().location();
        if (location != null && entry.family().equals("backup") && entry.params().contains(Param.LOCATION)) {
            Map<String, String> out = new LinkedHashMap<>(params);
            out.putIfAbsent(Param.LOCATION.key(), location);
            return out;
        }
        return params;
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
