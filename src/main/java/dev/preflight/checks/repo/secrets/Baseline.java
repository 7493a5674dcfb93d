package dev.preflight.checks.repo.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.preflight.collect.CannotParse;

/**
 * Secrets a team has reviewed and accepted (revoked test keys, fixtures), listed in
 * {@code .preflight-secrets-baseline.json} by the SHA-256 of the secret's value. Keyed by value, not
 * by line, so an entry survives edits that move it; the file never holds the secret itself. Rule,
 * path and line say where it was found, for people; {@code note} says why it was accepted.
 *
 * <pre>{"secrets": [{"sha256": "9f86d0…", "rule": "github-pat", "path": "tests/fixtures/token.txt", "line": 3, "note": "revoked"}]}</pre>
 */
public record Baseline(Map<String, Entry> bySha256) {
    public static final String FILE = ".preflight-secrets-baseline.json";
    public static final Baseline EMPTY = new Baseline(Map.of());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOT_A_HASH = "\"sha256\" must be the 64 hex digits of the value's SHA-256, never the value itself";

    public record Entry(String sha256, String rule, String path, int line, String note) {
    }

    /** What {@link #accept} did: the new baseline, how many entries it added and kept, and how many kept ones were not found. */
    public record Merge(Baseline baseline, int added, int kept, int notFound) {
    }

    public Baseline {
        bySha256 = Collections.unmodifiableMap(new LinkedHashMap<>(bySha256));
    }

    /** The file's text, read strictly: a wrong shape fails where it starts, as malformed JSON does. */
    public static Baseline parse(String json) throws CannotParse {
        try (JsonParser p = JSON.createParser(json)) {
            Map<String, Entry> entries = new LinkedHashMap<>();
            if (p.nextToken() == null) {
                return EMPTY;
            }
            if (!p.isExpectedStartObjectToken()) {
                throw wrong(p.currentTokenLocation(), "expected an object: {\"secrets\": [...]}");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean secrets = p.currentName().equals("secrets");
                p.nextToken();
                if (!secrets) {
                    p.skipChildren();
                } else if (!p.isExpectedStartArrayToken()) {
                    throw wrong(p.currentTokenLocation(), "\"secrets\" must be an array");
                } else {
                    readEntries(p, entries);
                }
            }
            if (p.nextToken() != null) {
                throw wrong(p.currentTokenLocation(), "unexpected content after the object");
            }
            return new Baseline(entries);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new CannotParse(at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
    }

    private static void readEntries(JsonParser p, Map<String, Entry> entries) throws IOException, CannotParse {
        for (int n = 1; p.nextToken() != JsonToken.END_ARRAY; n++) {
            JsonLocation at = p.currentTokenLocation();
            JsonNode e = p.readValueAsTree();
            String hash = e.path("sha256").asText("").toLowerCase(Locale.ROOT);
            if (!e.isObject() || !hash.matches("[0-9a-f]{64}")) {
                throw wrong(at, "entry " + n + ": " + NOT_A_HASH);
            }
            entries.putIfAbsent(hash, new Entry(hash, e.path("rule").asText(""), e.path("path").asText(""), e.path("line").asInt(0),
                    e.path("note").asText("")));
        }
    }

    private static CannotParse wrong(JsonLocation at, String message) {
        return new CannotParse(at.getLineNr(), at.getColumnNr(), message);
    }

    public boolean contains(Finding finding) {
        return bySha256.containsKey(finding.sha256());
    }

    /**
     * This baseline with every finding accepted. A new secret gets an entry where it is first found,
     * with {@code note}; a known one keeps its note and moves to where it is found now; an entry for a
     * secret no longer found stays, for a person to remove once it is gone for good.
     */
    public Merge accept(List<Finding> findings, String note) {
        Map<String, Finding> firstPlace = new LinkedHashMap<>();
        findings.stream().sorted(Comparator.comparing(Finding::path).thenComparingInt(Finding::line))
                .forEach(f -> firstPlace.putIfAbsent(f.sha256(), f));
        List<Entry> merged = new ArrayList<>();
        int notFound = 0;
        for (Entry known : bySha256.values()) {
            Finding now = firstPlace.remove(known.sha256());
            notFound += now == null ? 1 : 0;
            merged.add(now == null ? known : new Entry(known.sha256(), now.ruleId(), now.path(), now.line(), known.note()));
        }
        firstPlace.forEach((hash, f) -> merged.add(new Entry(hash, f.ruleId(), f.path(), f.line(), note)));
        Map<String, Entry> sorted = new LinkedHashMap<>();
        merged.stream().sorted(Comparator.comparing(Entry::path).thenComparingInt(Entry::line).thenComparing(Entry::sha256))
                .forEach(e -> sorted.put(e.sha256(), e));
        return new Merge(new Baseline(sorted), firstPlace.size(), bySha256.size(), notFound);
    }

    /** The file's text: one entry a line, so that a review sees each accepted secret as one line of the diff. */
    public String toJson() {
        StringBuilder out = new StringBuilder("{\"secrets\": [");
        String separator = "\n  ";
        for (Entry e : bySha256.values()) {
            out.append(separator).append("{\"sha256\": ").append(quoted(e.sha256())).append(", \"rule\": ").append(quoted(e.rule()))
                    .append(", \"path\": ").append(quoted(e.path())).append(", \"line\": ").append(e.line())
                    .append(", \"note\": ").append(quoted(e.note())).append('}');
            separator = ",\n  ";
        }
        return out.append(bySha256.isEmpty() ? "]}\n" : "\n]}\n").toString();
    }

    private static String quoted(String text) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }
}
