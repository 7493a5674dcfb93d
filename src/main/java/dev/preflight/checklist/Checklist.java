package dev.preflight.checklist;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A parsed checklist file: its items in file order. */
public record Checklist(Path path, List<Item> items) {

    public Checklist {
        items = List.copyOf(items);
    }

    public Map<String, Item> byId() {
        return items.stream().collect(Collectors.toMap(Item::id, Function.identity()));
    }

    public List<Item> childrenOf(Item parent) {
        return items.stream().filter(i -> parent.id().equals(i.parentId())).toList();
    }

    /** The path as the user gave it, for messages of the form {@code file:line}. */
    public String displayPath() {
        return path.toString();
    }
}
