package dev.preflight.text;

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
    }

    /** The keywords that occur in {@code text}, as bits by their index. */
    public BitSet find(CharSequence text) {
        BitSet found = new BitSet(keywords);
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            Integer to;
            while ((to = next.get(state).get(c)) == null && state != 0) {
                state = fail.get(state);
            }
            state = to == null ? 0 : to;
            for (int k : output.get(state)) {
                found.set(k);
            }
        }
        return found;
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
