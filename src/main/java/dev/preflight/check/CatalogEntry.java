package dev.preflight.check;

import java.util.List;
import java.util.Set;

/**
 * One check of the catalog: built ({@link #check} set) or planned by a later issue, in which case
 * items bound to it are SKIP "not implemented yet" and never PASS.
 */
public record CatalogEntry(String id, String title, TargetKind target, Severity severity, List<Phrase> phrases,
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
}
