package dev.preflight.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * Finds which of many literal keywords occur in a text in one pass over the text, however many
 * keywords there are (Aho–Corasick). Keywords are matched exactly; callers lower-case both sides
 * for a case-insensitive search.
 */
public final class AhoCorasick {
    private final List<Map<Character, Integer>> next = new ArrayList<>();
    private final List<Integer> fail = new ArrayList<>();
    private final List<int[]> output = new ArrayList<>();
    private final int keywords;
    /** The full transition function for ASCII characters, state * 128 + char: text is mostly ASCII, and this is the hot loop. */
    private final int[] ascii;
    private final int[][] outputs;
    /** For {@link #overUtf8}: the transition function over bytes, state * 256 + byte, ASCII letters folded to lower case. */
    private int[] bytes;
    private boolean[] emits;

    /** Keyword {@code i} of the list is reported as bit {@code i}. */
    public AhoCorasick(List<String> keywords) {
        this.keywords = keywords.size();
        node();
        for (int k = 0; k < keywords.size(); k++) {
            String word = keywords.get(k);
            if (word.isEmpty()) {
                throw new IllegalArgumentException("keyword " + k + " is empty");
            }
            int state = 0;
            for (char c : word.toCharArray()) {
                Integer to = next.get(state).get(c);
                if (to == null) {
                    to = node();
                    next.get(state).put(c, to);
                }
                state = to;
            }
            output.set(state, append(output.get(state), k));
        }
        link();
        outputs = output.toArray(int[][]::new);
        ascii = asciiTransitions();
    }

    /**
     * An automaton over UTF-8 bytes, for texts that are never decoded as a whole: a secret scan reads
     * a file's bytes and decodes only the lines its keywords point at. ASCII letters in the text match
     * case-insensitively, so keywords must be given in lower case.
     */
    public static AhoCorasick overUtf8(List<String> keywords) {
        AhoCorasick automaton = new AhoCorasick(keywords.stream()
                .map(k -> new String(k.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))
                .toList());
        automaton.bytes = automaton.foldedByteTransitions();
        automaton.emits = new boolean[automaton.outputs.length];
        for (int state = 0; state < automaton.outputs.length; state++) {
            automaton.emits[state] = automaton.outputs[state].length > 0;
        }
        return automaton;
    }

    /** Every occurrence of every keyword in {@code data[from, to)}, as byte positions; only for {@link #overUtf8}. */
    public void scan(byte[] data, int from, int to, Hits hits) {
        int[] table = bytes;
        boolean[] emitting = emits;
        int state = 0;
        for (int i = from; i < to; i++) {
            state = table[state << 8 | (data[i] & 0xFF)];
            if (emitting[state]) {
                for (int k : outputs[state]) {
                    hits.found(k, i + 1);
                }
            }
        }
    }

    /** Receives each occurrence of a keyword: its index and the position just past its last character. */
    @FunctionalInterface
    public interface Hits {
        void found(int keyword, int end);
    }

    /** The keywords that occur in {@code text}, as bits by their index. */
    public BitSet find(CharSequence text) {
        BitSet found = new BitSet(keywords);
        scan(text, (keyword, end) -> found.set(keyword));
        return found;
    }

    /** Every occurrence of every keyword in {@code text}, in the order their ends appear. */
    public void scan(CharSequence text, Hits hits) {
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 128) {
                state = ascii[state << 7 | c];
            } else {
                Integer to;
                while ((to = next.get(state).get(c)) == null && state != 0) {
                    state = fail.get(state);
                }
                state = to == null ? 0 : to;
            }
            for (int k : outputs[state]) {
                hits.found(k, i + 1);
            }
        }
    }

    /** Breadth-first, so that a state's failure link (always shallower) is filled in before the state. */
    private int[] asciiTransitions() {
        int[] table = new int[next.size() << 7];
        Queue<Integer> queue = new ArrayDeque<>(List.of(0));
        while (!queue.isEmpty()) {
            int state = queue.remove();
            for (char c = 0; c < 128; c++) {
                Integer to = next.get(state).get(c);
                table[state << 7 | c] = to != null ? to : state == 0 ? 0 : table[fail.get(state) << 7 | c];
            }
            queue.addAll(next.get(state).values());
        }
        return table;
    }

    private int[] foldedByteTransitions() {
        int[] table = new int[next.size() << 8];
        Queue<Integer> queue = new ArrayDeque<>(List.of(0));
        while (!queue.isEmpty()) {
            int state = queue.remove();
            for (char c = 0; c < 256; c++) {
                Integer to = next.get(state).get(c);
                table[state << 8 | c] = to != null ? to : state == 0 ? 0 : table[fail.get(state) << 8 | c];
            }
            for (char c = 'A'; c <= 'Z'; c++) {
                table[state << 8 | c] = table[state << 8 | (c + 32)];
            }
            queue.addAll(next.get(state).values());
        }
        return table;
    }

    private int node() {
        next.add(new HashMap<>());
        fail.add(0);
        output.add(new int[0]);
        return next.size() - 1;
    }

    /** Breadth-first: each state's failure link is the longest proper suffix that is also a state. */
    private void link() {
        Queue<Integer> queue = new ArrayDeque<>(next.getFirst().values());
        while (!queue.isEmpty()) {
            int state = queue.remove();
            for (Map.Entry<Character, Integer> edge : next.get(state).entrySet()) {
                int child = edge.getValue();
                int f = fail.get(state);
                Integer to;
                while ((to = next.get(f).get(edge.getKey())) == null && f != 0) {
                    f = fail.get(f);
                }
                int target = to == null || to == child ? 0 : to;
                fail.set(child, target);
                for (int k : output.get(target)) {
                    output.set(child, append(output.get(child), k));
                }
                queue.add(child);
            }
        }
    }

    private static int[] append(int[] a, int k) {
        int[] b = java.util.Arrays.copyOf(a, a.length + 1);
        b[a.length] = k;
        return b;
    }
}
