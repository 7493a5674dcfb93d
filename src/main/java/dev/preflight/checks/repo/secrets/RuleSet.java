package dev.preflight.checks.repo.secrets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.google.re2j.Matcher;

import dev.preflight.text.AhoCorasick;

/**
 * Rules ready to run on a file's text. One Aho–Corasick pass over the text finds where the rules'
 * keywords occur, and on each line only the rules whose keywords it holds run their regexes, so the
 * regex work follows the lines that could hold a secret, not the size of the file.
 */
public final class RuleSet {
    private static final String[] INLINE_ALLOW = {"gitleaks:allow", "preflight:allow"};
    /** How far past its first line a multi-line secret (a PEM block) may reach. */
    private static final int WINDOW = 32 * 1024;

    private final List<Rule> rules;
    private final List<Allowlist> allowlists;
    private final AhoCorasick keywords;
    /** For each keyword's index, the rules (by index) it selects. */
    private final List<int[]> rulesOfKeyword = new ArrayList<>();

    public RuleSet(List<Rule> rules, List<Allowlist> allowlists) {
        this.rules = List.copyOf(rules);
        this.allowlists = List.copyOf(allowlists);
        List<String> words = new ArrayList<>();
        for (int r = 0; r < this.rules.size(); r++) {
            for (String k : this.rules.get(r).keywords()) {
                int at = words.indexOf(k);
                if (at < 0) {
                    words.add(k);
                    rulesOfKeyword.add(new int[] {r});
                } else {
                    int[] old = rulesOfKeyword.get(at);
                    int[] grown = java.util.Arrays.copyOf(old, old.length + 1);
                    grown[old.length] = r;
                    rulesOfKeyword.set(at, grown);
                }
            }
        }
        this.keywords = words.isEmpty() ? null : AhoCorasick.overUtf8(words);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Whether a global allowlist excludes the file: it is not read at all. */
    public boolean allowsPath(String path) {
        return allowlists.stream().anyMatch(a -> a.allowsPath(path));
    }

    /** What one file's text holds; {@code inlineAllowed} counts the findings an allow comment suppressed. */
    public Result scan(String path, String text) {
        return scan(path, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What one file holds, read as UTF-8 bytes. Only the lines the keyword pass points at are decoded
     * (bytes that are not UTF-8 become U+FFFD); in a source tree that is a few lines in a thousand.
     */
    public Result scan(String path, byte[] text) {
        BitSet applicable = new BitSet(rules.size());
        BitSet everyLine = new BitSet(rules.size());
        for (int r = 0; r < rules.size(); r++) {
            Rule rule = rules.get(r);
            boolean pathOk = (rule.path() == null || rule.path().matcher(path).find())
                    && rule.allowlists().stream().noneMatch(a -> a.allowsPath(path));
            applicable.set(r, pathOk);
            everyLine.set(r, pathOk && rule.keywords().isEmpty());
        }
        KeywordHits hits = new KeywordHits();
        if (keywords != null) {
            keywords.scan(text, 0, text.length, hits);
        }
        List<Finding> findings = new ArrayList<>();
        int inlineAllowed = 0;
        int lineNo = 0;
        int start = 0;
        int hit = 0;
        while (start <= text.length && (hit < hits.size || !everyLine.isEmpty())) {
            int end = lineEnd(text, start);
            lineNo++;
            BitSet candidates = null;
            for (; hit < hits.size && hits.ends[hit] <= end; hit++) {
                for (int r : rulesOfKeyword.get(hits.keywords[hit])) {
                    if (applicable.get(r)) {
                        candidates = candidates == null ? (BitSet) everyLine.clone() : candidates;
                        candidates.set(r);
                    }
                }
            }
            if (candidates == null && !everyLine.isEmpty()) {
                candidates = everyLine;
            }
            if (candidates != null) {
                String line = new String(text, start, end - start, StandardCharsets.UTF_8);
                Line onLine = new Line(path, lineNo, line);
                String window = null;
                for (int r = candidates.nextSetBit(0); r >= 0; r = candidates.nextSetBit(r + 1)) {
                    Rule rule = rules.get(r);
                    if (rule.precondition() != null && !rule.precondition().test(line)) {
                        continue;
                    }
                    if (rule.multiline() && window == null) {
                        window = new String(text, start, (int) Math.min(text.length, (long) start + WINDOW) - start, StandardCharsets.UTF_8);
                    }
                    match(rule, rule.multiline() ? window : line, onLine);
                }
                if (!onLine.findings.isEmpty() && allowedInline(line)) {
                    inlineAllowed += onLine.findings.size();
                } else {
                    findings.addAll(onLine.findings);
                }
            }
            start = end + 1;
        }
        return new Result(findings, inlineAllowed);
    }

    private static int lineEnd(byte[] text, int from) {
        for (int i = from; i < text.length; i++) {
            if (text[i] == '\n') {
                return i;
            }
        }
        return text.length;
    }

    public record Result(List<Finding> findings, int inlineAllowed) {
    }

    /** The keyword pass's hits, in text order: which keyword, and where it ends. */
    private static final class KeywordHits implements AhoCorasick.Hits {
        int[] keywords = new int[16];
        int[] ends = new int[16];
        int size;

        @Override
        public void found(int keyword, int end) {
            if (size == ends.length) {
                keywords = java.util.Arrays.copyOf(keywords, size * 2);
                ends = java.util.Arrays.copyOf(ends, size * 2);
            }
            keywords[size] = keyword;
            ends[size++] = end;
        }
    }

    /**
     * Each search resumes where the last secret ended, not where its match did: a regex that ends a
     * token on the character after it (RE2 has no lookahead) would otherwise eat the separator that
     * starts the next token, and "tok1,tok2" would yield one finding.
     */
    private void match(Rule rule, CharSequence input, Line line) {
        Matcher m = rule.regex().matcher(input);
        int from = 0;
        while (from <= input.length() && m.find(from)) {
            int group = secretGroup(rule, m);
            from = group >= 0 && m.end(group) > from ? m.end(group) : Math.max(m.end(), from + 1);
            String secret = group < 0 ? "" : m.group(group).strip();
            if (secret.isEmpty() || !keep(rule, line.path, secret, m.group(), line.text)) {
                continue;
            }
            line.add(rule, secret, m.start(group), m.end(group));
            if (rule.multiline()) {
                return;
            }
        }
    }

    private boolean keep(Rule rule, String path, String secret, String match, String line) {
        if (rule.entropy() > 0 && Values.entropy(secret) < rule.entropy()) {
            return false;
        }
        if (DefaultRules.isGeneric(rule.id()) && (!Values.mixesLettersAndDigits(secret) || Values.isNameOrCode(secret))) {
            return false;
        }
        if (isValueRule(rule.id()) && Values.isPlaceholder(secret)) {
            return false;
        }
        return rule.allowlists().stream().noneMatch(a -> a.allows(path, secret, match, line))
                && allowlists.stream().noneMatch(a -> a.allows(path, secret, match, line));
    }

    /** Rules whose secret is a free-form value a person typed, where stand-ins like "changeme" are common. */
    private static boolean isValueRule(String id) {
        return DefaultRules.isGeneric(id) || id.equals("env-file-secret") || id.equals("database-url-password");
    }

    /** The group holding the secret: {@code secretGroup}, else the first group that matched, else the whole match; -1 for none. */
    private static int secretGroup(Rule rule, Matcher m) {
        if (rule.secretGroup() > 0 && rule.secretGroup() <= m.groupCount()) {
            return m.group(rule.secretGroup()) == null ? -1 : rule.secretGroup();
        }
        for (int g = 1; g <= m.groupCount(); g++) {
            String value = m.group(g);
            if (value != null && !value.isEmpty()) {
                return g;
            }
        }
        return 0;
    }

    /**
     * The findings of one line. A secret that another rule already found there, or that lies inside
     * (or around) one found there, is the same finding. Kept secrets never contain one another, so
     * sorted by start they are sorted by end too, and each test is a lookup, not a pass over every
     * earlier finding: a minified line can hold a hundred thousand tokens.
     */
    private static final class Line {
        final String path;
        final int number;
        final String text;
        final List<Finding> findings = new ArrayList<>();
        private final Set<String> secrets = new HashSet<>();
        private final TreeMap<Integer, Integer> spans = new TreeMap<>();

        Line(String path, int number, String text) {
            this.path = path;
            this.number = number;
            this.text = text;
        }

        void add(Rule rule, String secret, int start, int end) {
            if (secrets.contains(secret)) {
                return;
            }
            Map.Entry<Integer, Integer> before = spans.floorEntry(start);
            Map.Entry<Integer, Integer> after = spans.ceilingEntry(start);
            if (before != null && before.getValue() >= end || after != null && after.getValue() <= end) {
                return;
            }
            secrets.add(secret);
            spans.put(start, end);
            findings.add(new Finding(path, number, rule.id(), secret, text));
        }
    }

    private static boolean allowedInline(String line) {
        for (String marker : INLINE_ALLOW) {
            if (line.contains(marker)) {
                return true;
            }
        }
        return false;
    }
}
