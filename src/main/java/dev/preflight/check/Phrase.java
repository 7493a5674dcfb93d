package dev.preflight.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One phrase of a check: a case-insensitive regular expression searched in an item's words, with
 * the literal clues any match must contain. Binding tries every phrase of the catalog on every
 * item; {@link PhraseIndex} finds the clues present in one pass and runs only the regexes whose
 * clues are there, which keeps a 10,000-item checklist well under a second.
 *
 * @param clues lower-case literals of which a match contains at least one; empty when that cannot
 *              be told from the regex, and then the regex always runs
 */
public record Phrase(Pattern pattern, List<String> clues) {
    static final int MIN_CLUE = 2;

    public Phrase {
        clues = List.copyOf(clues);
    }

    public static Phrase of(String regex) {
        return new Phrase(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), clues(regex));
    }

    public String regex() {
        return pattern.pattern();
    }

    /**
     * Literals of which every match contains at least one, or an empty list when none can be told.
     * Each top-level alternative contributes its most selective element: a literal run, a group of
     * alternatives (recursively), or a small class of symbols such as {@code [<≤]}. Only elements
     * that must occur count: anything followed by {@code ?}, {@code *}, {@code +} or {@code {0,...}}
     * ends the run, and lookarounds are skipped.
     */
    static List<String> clues(String regex) {
        Set<String> clues = alternatives(regex);
        return clues == null ? List.of() : clues.stream().map(c -> c.toLowerCase(Locale.ROOT)).sorted().toList();
    }

    private static Set<String> alternatives(String regex) {
        Set<String> out = new TreeSet<>();
        for (String branch : topLevelBranches(regex)) {
            Set<String> clue = branchClue(branch);
            if (clue == null) {
                return null;
            }
            out.addAll(clue);
        }
        return out;
    }

    private static List<String> topLevelBranches(String regex) {
        List<String> branches = new ArrayList<>();
        int depth = 0;
        boolean inClass = false;
        int start = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                branches.add(regex.substring(start, i));
                start = i + 1;
            }
        }
        branches.add(regex.substring(start));
        return branches;
    }

    /** The most selective required element of one alternative (the candidate whose shortest literal is longest). */
    private static Set<String> branchClue(String branch) {
        Set<String> best = null;
        StringBuilder run = new StringBuilder();
        int i = 0;
        while (i < branch.length()) {
            char c = branch.charAt(i);
            if (c == '{') {
                best = better(best, literal(run));
                run.setLength(0);
                int close = branch.indexOf('}', i);
                i = close < 0 ? branch.length() : close + 1;
                continue;
            }
            if (c == '(' || c == '[') {
                best = better(best, literal(run));
                run.setLength(0);
                int end = c == '(' ? closingParen(branch, i) : closingBracket(branch, i);
                if (!optional(branch, end + 1)) {
                    best = better(best, c == '(' ? group(branch.substring(i + 1, end)) : symbols(branch.substring(i + 1, end)));
                }
                i = end + 1;
                continue;
            }
            boolean isLiteral;
            char value = c;
            int width = 1;
            if (c == '\\') {
                value = i + 1 < branch.length() ? branch.charAt(i + 1) : ' ';
                width = 2;
                isLiteral = !Character.isLetterOrDigit(value);
            } else {
                isLiteral = ".^$*+?{}|)".indexOf(c) < 0;
            }
            if (isLiteral && !optional(branch, i + width)) {
                run.append(value);
            } else {
                best = better(best, literal(run));
                run.setLength(0);
            }
            i += width;
        }
        return better(best, literal(run));
    }

    private static Set<String> group(String content) {
        if (content.startsWith("?=") || content.startsWith("?!") || content.startsWith("?<")) {
            return null;
        }
        return alternatives(content.startsWith("?:") ? content.substring(2) : content);
    }

    /** A class of a few literal symbols, e.g. [<≤]; letters, digits and ranges give no clue. */
    private static Set<String> symbols(String members) {
        if (members.isEmpty() || members.startsWith("^") || members.contains("-") || members.contains("\\")) {
            return null;
        }
        Set<String> out = new TreeSet<>();
        for (char m : members.toCharArray()) {
            if (Character.isLetterOrDigit(m) || Character.isWhitespace(m)) {
                return null;
            }
            out.add(String.valueOf(m));
        }
        return out;
    }

    private static Set<String> literal(CharSequence run) {
        String s = run.toString().strip();
        return s.length() >= MIN_CLUE || s.length() == 1 && !Character.isLetterOrDigit(s.charAt(0)) ? Set.of(s) : null;
    }

    private static Set<String> better(Set<String> a, Set<String> b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return shortest(b) > shortest(a) ? b : a;
    }

    private static int shortest(Set<String> clues) {
        return clues.stream().mapToInt(String::length).min().orElse(0);
    }

    private static int closingParen(String regex, int open) {
        int depth = 0;
        boolean inClass = false;
        for (int i = open; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return regex.length() - 1;
    }

    private static int closingBracket(String regex, int open) {
        for (int i = open + 1; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ']' && i > open + 1) {
                return i;
            }
        }
        return regex.length() - 1;
    }

    /** Whether the element that ends just before {@code next} may occur zero times, or repeats. */
    private static boolean optional(String regex, int next) {
        if (next >= regex.length()) {
            return false;
        }
        char q = regex.charAt(next);
        return q == '?' || q == '*' || q == '+' || q == '{' && regex.startsWith("{0", next);
    }
}
