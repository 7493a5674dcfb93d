package dev.preflight.checks.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.preflight.collect.PythonSettings;
import dev.preflight.collect.PythonSettings.Assignment;
import dev.preflight.collect.PythonSettings.ConfigClass;
import dev.preflight.collect.RepoSnapshot;

/**
 * The configuration classes of the app's Python modules with what they inherit: an attribute that
 * a base class defines and the subclass does not override is the subclass's value, as in Python
 * ({@code class ProductionConfig(Config)} keeps Config's SECRET_KEY). Bases are looked up in the
 * same module, then through {@code from X import Name} and {@code from X import *}, or as a dotted
 * {@code module.Name}; bases outside the repository ({@code object}, {@code db.Model}) add nothing.
 */
final class PythonClasses {
    private static final int MAX_DEPTH = 8;

    /** A class and the module file that defines it. */
    record Defined(String file, ConfigClass type) {
        String key() {
            return file + "#" + type.name();
        }
    }

    private final RepoSnapshot repo;
    private final Map<String, Optional<PythonSettings>> modules = new HashMap<>();
    private final Map<String, List<Defined>> linearizations = new HashMap<>();

    PythonClasses(RepoSnapshot repo, List<PythonSettings> parsed) {
        this.repo = repo;
        parsed.forEach(m -> modules.put(m.path(), Optional.of(m)));
    }

    /** The module with each class's attributes merged with those it inherits, each kept where it is written. */
    PythonSettings withInherited(PythonSettings module) {
        Map<String, ConfigClass> resolved = new LinkedHashMap<>();
        module.classes().forEach((name, c) -> {
            Map<String, Assignment> attributes = new LinkedHashMap<>();
            for (Defined d : linearization(new Defined(module.path(), c), 0)) {
                d.type().attributes().forEach(attributes::putIfAbsent);
            }
            resolved.put(name, new ConfigClass(name, c.bases(), attributes));
        });
        return module.withClasses(resolved);
    }

    /** The direct bases of a class that the repository defines, in the order written. */
    List<Defined> bases(Defined c) {
        List<Defined> out = new ArrayList<>();
        for (String written : c.type().bases()) {
            int dot = written.lastIndexOf('.');
            Optional<Defined> base = dot < 0 ? lookup(c.file(), written, 0)
                    : moduleFile(c.file(), written.substring(0, dot)).flatMap(f -> lookup(f, written.substring(dot + 1), 0));
            base.filter(b -> !b.key().equals(c.key())).ifPresent(out::add);
        }
        return out;
    }

    /** Python's method resolution order (C3), or the class alone when the hierarchy is too deep or inconsistent. */
    private List<Defined> linearization(Defined c, int depth) {
        List<Defined> known = linearizations.get(c.key());
        if (known != null) {
            return known;
        }
        List<Defined> result = List.of(c);
        if (depth < MAX_DEPTH) {
            List<List<Defined>> sequences = new ArrayList<>();
            List<Defined> bases = bases(c);
            for (Defined b : bases) {
                sequences.add(new ArrayList<>(linearization(b, depth + 1)));
            }
            sequences.add(new ArrayList<>(bases));
            List<Defined> merged = new ArrayList<>(List.of(c));
            if (merge(sequences, merged)) {
                result = List.copyOf(merged);
            }
        }
        linearizations.put(c.key(), result);
        return result;
    }

    private static boolean merge(List<List<Defined>> sequences, List<Defined> out) {
        while (true) {
            sequences.removeIf(List::isEmpty);
            if (sequences.isEmpty()) {
                return true;
            }
            Optional<Defined> head = sequences.stream().map(List::getFirst)
                    .filter(h -> sequences.stream().noneMatch(s -> s.subList(1, s.size()).stream().anyMatch(x -> x.key().equals(h.key()))))
                    .findFirst();
            if (head.isEmpty()) {
                return false;
            }
            out.add(head.get());
            sequences.forEach(s -> s.removeIf(x -> x.key().equals(head.get().key())));
        }
    }

    /** The class {@code name} as seen from module {@code file}: defined there, imported by name, or star-imported. */
    private Optional<Defined> lookup(String file, String name, int depth) {
        Optional<PythonSettings> module = module(file);
        if (module.isEmpty() || depth > MAX_DEPTH) {
            return Optional.empty();
        }
        ConfigClass own = module.get().classes().get(name);
        if (own != null) {
            return Optional.of(new Defined(file, own));
        }
        PythonSettings.Import imported = module.get().imports().get(name);
        if (imported != null) {
            return PythonConfig.resolve(repo, file, imported.module()).flatMap(f -> lookup(f, imported.name(), depth + 1));
        }
        for (String star : module.get().starImports()) {
            Optional<Defined> found = PythonConfig.resolve(repo, file, star).flatMap(f -> lookup(f, name, depth + 1));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The file of a module named in a dotted base: a name bound by {@code from X import module}, or a module path. */
    private Optional<String> moduleFile(String file, String dotted) {
        PythonSettings.Import imported = module(file).map(m -> m.imports().get(dotted)).orElse(null);
        String path = imported == null ? dotted
                : imported.module().endsWith(".") ? imported.module() + imported.name() : imported.module() + "." + imported.name();
        return PythonConfig.resolve(repo, file, path);
    }

    private Optional<PythonSettings> module(String file) {
        return modules.computeIfAbsent(file, f -> repo.read(f).map(t -> PythonSettings.parse(f, t)));
    }
}
