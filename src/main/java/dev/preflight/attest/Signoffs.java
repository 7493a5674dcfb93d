package dev.preflight.attest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.preflight.checklist.Item;

/**
 * The sign-offs of one checklist, matched to its items. Item ids come from the item's words, so
 * editing an attested item changes its id: an attestation whose id no longer exists is matched to
 * the unattested item of the same section whose words are most alike, and so shows as stale
 * instead of silently vanishing. One that matches nothing is an orphan, reported as such.
 */
public final class Signoffs {
    /** Share of words two texts must have in common for an edit to count as the same item. */
    static final double SAME_ITEM = 0.5;

    private final Map<String, Attestation> attestations = new HashMap<>();
    private final Map<String, Waiver> waivers = new HashMap<>();
    private final List<String> orphans = new ArrayList<>();

    public Signoffs(List<Item> items, AttestationFile file) {
        Map<String, Item> byId = new HashMap<>();
        items.forEach(i -> byId.put(i.id(), i));
        List<Attestation> unmatched = new ArrayList<>();
        for (Attestation a : file.attestations()) {
            if (byId.containsKey(a.item())) {
                attestations.put(a.item(), a);
            } else {
                unmatched.add(a);
            }
        }
        for (Attestation a : unmatched) {
            Optional<Item> edited = items.stream()
                    .filter(i -> !attestations.containsKey(i.id()) && section(i.id()).equals(section(a.item())))
                    .filter(i -> likeness(i.text(), a.text()) >= SAME_ITEM)
                    .max(java.util.Comparator.comparingDouble(i -> likeness(i.text(), a.text())));
            edited.ifPresentOrElse(i -> attestations.put(i.id(), a),
                    () -> orphans.add("the attestation of '" + a.item() + "' by " + a.by() + " matches no item of the checklist"));
        }
        for (Waiver w : file.waivers()) {
            if (byId.containsKey(w.item())) {
                waivers.put(w.item(), w);
            } else {
                orphans.add("the waiver of '" + w.item() + "' approved by " + w.approver() + " matches no item of the checklist");
            }
        }
    }

    public Optional<Attestation> attestation(Item item) {
        return Optional.ofNullable(attestations.get(item.id()));
    }

    public Optional<Waiver> waiver(Item item) {
        return Optional.ofNullable(waivers.get(item.id()));
    }

    /** Sign-offs that point at no item: worth a line in the report, since someone's sign-off is lost. */
    public List<String> orphans() {
        return List.copyOf(orphans);
    }

    private static String section(String id) {
        int slash = id.lastIndexOf('/');
        return slash < 0 ? "" : id.substring(0, slash);
    }

    static double likeness(String a, String b) {
        Set<String> x = words(a);
        Set<String> y = words(b);
        if (x.isEmpty() || y.isEmpty()) {
            return 0;
        }
        Set<String> common = new HashSet<>(x);
        common.retainAll(y);
        Set<String> all = new HashSet<>(x);
        all.addAll(y);
        return (double) common.size() / all.size();
    }

    private static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
