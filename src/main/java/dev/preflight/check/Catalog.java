package dev.preflight.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.preflight.checks.http.HealthCheck;
import dev.preflight.checks.http.MetricsCheck;
import dev.preflight.checks.repo.DocsCheck;
import dev.preflight.checks.repo.EnvIgnoredCheck;

/**
 * Every check Preflight knows: the built ones, listed here explicitly (no classpath scanning), and the
 * planned ones, whose metadata lives in {@code planned-checks.yaml} until a later issue builds them.
 */
public final class Catalog {

    private static final List<Check> BUILT = List.of(
            new EnvIgnoredCheck(),
            new DocsCheck(),
            new HealthCheck(),
            new MetricsCheck());

    private final Map<String, CatalogEntry> entries;

    private final PhraseIndex phraseIndex;

    private Catalog(Map<String, CatalogEntry> entries) {
        this.entries = Collections.unmodifiableMap(entries);
        this.phraseIndex = new PhraseIndex(List.copyOf(entries.values()));
    }

    /** Every phrase of the catalog, for binding many items quickly. */
    public PhraseIndex phraseIndex() {
        return phraseIndex;
    }

    public static Catalog standard() {
        Map<String, CatalogEntry> entries = new LinkedHashMap<>();
        for (Check check : BUILT) {
            CatalogEntry entry = entryOf(check);
            entries.put(entry.id(), entry);
        }
        for (CatalogEntry planned : planned()) {
            entries.putIfAbsent(planned.id(), planned);
        }
        return new Catalog(entries);
    }

    /** The built checks in catalog order, for the rule that each has its metadata, doc and tests. */
    static List<Check> built() {
        return BUILT;
    }

    public List<CatalogEntry> entries() {
        return List.copyOf(entries.values());
    }

    public Optional<CatalogEntry> find(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    public static CatalogEntry entryOf(Check check) {
        CheckInfo info = check.info();
        return new CatalogEntry(info.id(), info.title(), info.target(), info.severity(),
                Arrays.stream(info.phrases()).map(Phrase::of).toList(),
                params(info.id(), List.of(info.params())), List.of(info.related()), info.active(), check, null);
    }

    private static Set<Param> params(String id, List<String> keys) {
        return keys.stream()
                .map(k -> Param.byKey(k).orElseThrow(() -> new IllegalStateException(id + " declares unknown parameter " + k)))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The shape of one entry of planned-checks.yaml. */
    record PlannedCheck(String id, String title, String target, String severity, String issue, boolean active,
                        List<String> phrases, List<String> params, List<String> related) {
    }

    private static List<CatalogEntry> planned() {
        try (InputStream in = Catalog.class.getResourceAsStream("planned-checks.yaml")) {
            if (in == null) {
                throw new IllegalStateException("planned-checks.yaml is missing from the jar");
            }
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            PlannedCheck[] planned = yaml.readValue(in, PlannedCheck[].class);
            List<CatalogEntry> out = new ArrayList<>();
            for (PlannedCheck p : planned) {
                out.add(new CatalogEntry(p.id(), p.title(), TargetKind.valueOf(p.target().toUpperCase(java.util.Locale.ROOT)),
                        p.severity() == null ? Severity.HIGH : Severity.valueOf(p.severity().toUpperCase(java.util.Locale.ROOT)),
                        p.phrases().stream().map(Phrase::of).toList(),
                        params(p.id(), p.params() == null ? List.of() : p.params()),
                        p.related() == null ? List.of() : p.related(), p.active(), null, p.issue()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("planned-checks.yaml is malformed", e);
        }
    }
}
