package dev.preflight.verdict;

import java.util.List;
import java.util.Locale;

import dev.preflight.checklist.Item;
import dev.preflight.config.PreflightConfig;

/**
 * Which items decide the verdict. With no configuration, all of them. Otherwise an item blocks when
 * its id is listed, or a heading of its section path is among {@code sections} (and none among
 * {@code nonBlockingSections}). Headings match ignoring case, emoji and punctuation.
 */
public record Blocking(List<String> sections, List<String> items, List<String> nonBlockingSections) {

    public static Blocking of(PreflightConfig.Blocking config) {
        return config == null ? new Blocking(List.of(), List.of(), List.of())
                : new Blocking(config.sections(), config.items(), config.nonBlockingSections());
    }

    public boolean blocks(Item item) {
        if (items.contains(item.id())) {
            return true;
        }
        if (item.section().stream().anyMatch(h -> matchesAny(h, nonBlockingSections))) {
            return false;
        }
        if (sections.isEmpty()) {
            return items.isEmpty();
        }
        return item.section().stream().anyMatch(h -> matchesAny(h, sections));
    }

    private static boolean matchesAny(String heading, List<String> names) {
        String h = norm(heading);
        return names.stream().anyMatch(n -> h.equals(norm(n)));
    }

    private static String norm(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip()
                .replaceAll("^[^a-z0-9]*", "");
    }
}
