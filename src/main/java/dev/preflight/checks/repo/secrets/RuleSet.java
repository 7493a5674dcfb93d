package dev.preflight.checks.repo.secrets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

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
                List<Finding> onLine = new ArrayList<>();
                String window = null;
                for (int r = candidates.nextSetBit(0); r >= 0; r = candidates.nextSetBit(r + 1)) {
                    Rule rule = rules.get(r);
                    if (rule.precondition() != null && !rule.precondition().test(line)) {
                        continue;
                    }
                    if (rule.multiline() && window == null) {
                        window = new String(text, start, (int) Math.min(text.length, (long) start + WINDOW) - start, StandardCharsets.UTF_8);
                    }
                    match(rule, path, lineNo, rule.multiline() ? window : line, line, onLine);
                }
                if (!onLine.isEmpty() && allowedInline(line)) {
                    inlineAllowed += onLine.size();
                } else {
                    findings.addAll(onLine);
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

    private void match(Rule rule, String path, int lineNo, CharSequence input, String line, List<Finding> onLine) {
        Matcher m = rule.regex().matcher(input);
        while (m.find()) {
            String secret = secretOf(rule, m).strip();
            if (secret.isEmpty() || !keep(rule, secret, m.group(), line)) {
                continue;
            }
            boolean covered = onLine.stream().anyMatch(f -> f.secret().contains(secret) || secret.contains(f.secret()));
            if (!covered) {
                onLine.add(new Finding(path, lineNo, rule.id(), secret, line));
            }
            if (rule.multiline()) {
                return;
            }
        }
    }

    private boolean keep(Rule rule, String secret, String match, String line) {
        if (rule.entropy() > 0 && Values.entropy(secret) < rule.entropy()) {
            return false;
        }
        if (DefaultRules.isGeneric(rule.id()) && (!Values.mixesLettersAndDigits(secret) || Values.isNameOrCode(secret))) {
            return false;
        }
        if (isValueRule(rule.id()) && Values.isPlaceholder(secret)) {
            return false;
        }
        return rule.allowlists().stream().noneMatch(a -> a.allows(secret, match, line))
                && allowlists.stream().noneMatch(a -> a.allows(secret, match, line));
    }

    /** Rules whose secret is a free-form value a person typed, where stand-ins like "changeme" are common. */
    private static boolean isValueRule(String id) {
        return DefaultRules.isGeneric(id) || id.equals("env-file-secret") || id.equals("database-url-password");
    }

    private static String secretOf(Rule rule, Matcher m) {
        if (rule.secretGroup() > 0 && rule.secretGroup() <= m.groupCount()) {
            String g = m.group(rule.secretGroup());
            return g == null ? "" : g;
        }
        for (int g = 1; g <= m.groupCount(); g++) {
            String value = m.group(g);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return m.group();
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
