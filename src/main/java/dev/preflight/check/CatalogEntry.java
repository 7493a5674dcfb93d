package dev.preflight.check;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One check of the catalog: built ({@link #check} set) or planned by a later issue, in which case
 * items bound to it are SKIP "not implemented yet" and never PASS.
 */
public record CatalogEntry(String id, String title, TargetKind target, Severity severity, List<Pattern> phrases,
                           Set<Param> params, List<String> related, boolean active, Check check, String plannedIn) {

    public CatalogEntry {
        phrases = List.copyOf(phrases);
        params = Set.copyOf(params);
        related = List.copyOf(related);
    }

    public String family() {
        return id.substring(0, id.indexOf('.'));
    }

    public boolean implemented() {
        return check != null;
    }

    public boolean matches(String words) {
        return phrases.stream().anyMatch(p -> p.matcher(words).find());
    }

    static Pattern phrase(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
