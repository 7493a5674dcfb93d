package dev.preflight.binding;

import java.util.List;

import dev.preflight.check.CatalogEntry;
import dev.preflight.check.Params;
import dev.preflight.checklist.Item;

/**
 * Which checks verify an item, and with which parameters; or, when none does, why the item is manual.
 * A group item (one with sub-items) that no check verifies takes its status from its children.
 */
public record Binding(Item item, List<BoundCheck> checks, Source source, String manualReason, boolean group) {

    /**
     * Where a binding came from, most explicit first: the item's own comment, preflight.yaml, a phrase in
     * the item's words, a phrase in the words of its section path and parent item, or nothing.
     */
    public enum Source { DIRECTIVE, CONFIG, PHRASE, CONTEXT, NONE }

    public record BoundCheck(CatalogEntry entry, Params params) {
    }

    public Binding {
        checks = List.copyOf(checks);
    }

    public boolean isManual() {
        return checks.isEmpty() && !group;
    }
}
