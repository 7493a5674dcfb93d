package dev.preflight.check;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.preflight.text.AhoCorasick;

/**
 * All phrases of a catalog, searched together: one Aho–Corasick pass over an item's words finds
 * which phrases' clues occur, and only those phrases run their regex.
 */
public final class PhraseIndex {
    private final List<CatalogEntry> entries;
    private final AhoCorasick clues;
    /** For each entry, for each of its phrases: the clue numbers it needs (any one), or null to always run. */
    private final int[][][] needs;

    public PhraseIndex(List<CatalogEntry> entries) {
        this.entries = List.copyOf(entries);
        Map<String, Integer> numbers = new HashMap<>();
        List<String> words = new ArrayList<>();
        needs = new int[entries.size()][][];
        for (int e = 0; e < entries.size(); e++) {
            List<Phrase> phrases = entries.get(e).phrases();
            needs[e] = new int[phrases.size()][];
            for (int p = 0; p < phrases.size(); p++) {
                List<String> phraseClues = phrases.get(p).clues();
                needs[e][p] = phraseClues.isEmpty() ? null : phraseClues.stream().mapToInt(c -> numbers.computeIfAbsent(c, k -> {
                    words.add(k);
                    return words.size() - 1;
                })).toArray();
            }
        }
        clues = new AhoCorasick(words);
    }

    /** The entries with a phrase found in {@code words}, in catalog order. */
    public List<CatalogEntry> match(String words) {
        BitSet present = clues.find(words.toLowerCase(Locale.ROOT));
        List<CatalogEntry> out = new ArrayList<>();
        for (int e = 0; e < entries.size(); e++) {
            List<Phrase> phrases = entries.get(e).phrases();
            for (int p = 0; p < phrases.size(); p++) {
                if (mayMatch(needs[e][p], present) && phrases.get(p).pattern().matcher(words).find()) {
                    out.add(entries.get(e));
                    break;
                }
            }
        }
        return out;
    }

    private static boolean mayMatch(int[] needed, BitSet present) {
        if (needed == null) {
            return true;
        }
        for (int clue : needed) {
            if (present.get(clue)) {
                return true;
            }
        }
        return false;
    }
}
