package dev.preflight.checklist;

import java.util.List;
import java.util.Objects;

/**
 * One task-list entry of a checklist.
 *
 * @param id        stable id: from the section path and text, or the {@code id=} of the item's directive
 * @param text      the item's words as a reader sees them (Markdown emphasis and code marks removed)
 * @param claimed   whether its box is ticked in the file
 * @param line      1-based line of the checkbox in the file
 * @param section   the headings above the item, outermost first
 * @param parentId  the id of the enclosing task item, or null at top level
 * @param directive what the item's {@code <!-- preflight: ... -->} comment says
 */
public record Item(String id, String text, boolean claimed, int line, List<String> section,
                   String parentId, Directive directive) {

    public Item {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        section = List.copyOf(section);
        Objects.requireNonNull(directive, "directive");
    }

    public boolean isTopLevel() {
        return parentId == null;
    }
}
