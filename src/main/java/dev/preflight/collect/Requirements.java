package dev.preflight.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pip requirements file, line by line: which requirement is pinned to one version ({@code ==} or
 * {@code ===}, no wildcard), which is loose (a range, a bare name, an editable or URL install), and
 * which carries {@code --hash} options. Includes ({@code -r}, {@code -c}) and other options are
 * not requirements.
 */
public final class Requirements {

    public enum Kind { PINNED, LOOSE, EDITABLE_OR_URL }

    /** One requirement; {@code line} is where it starts (continuations with '\' fold into it). */
    public record Requirement(int line, String text, String name, String version, Kind kind, boolean hashed) {
    }

    private static final Pattern NAMED = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]*)\\s*(\\[[^]]*])?\\s*(.*)");
    private static final Pattern EXACT = Pattern.compile("===?\\s*([A-Za-z0-9!+._-]+)\\s*");

    private Requirements() {
    }

    public static List<Requirement> parse(String text) {
        List<Requirement> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int start = i;
            StringBuilder logical = new StringBuilder(stripComment(lines[i]));
            while (logical.toString().endsWith("\\") && i + 1 < lines.length) {
                logical.setLength(logical.length() - 1);
                logical.append(' ').append(stripComment(lines[++i]));
            }
            String req = logical.toString().strip();
            if (req.isEmpty()) {
                continue;
            }
            boolean hashed = req.contains("--hash");
            String spec = req.replaceAll("\\s--hash[=\\s]\\S+", "").strip();
            if (spec.startsWith("-e ") || spec.startsWith("--editable") || spec.matches("(?i)(git\\+|hg\\+|svn\\+|https?://|file:|\\.{0,2}/).*")
                    || spec.contains(" @ ")) {
                out.add(new Requirement(start + 1, req, null, null, Kind.EDITABLE_OR_URL, hashed));
                continue;
            }
            if (spec.startsWith("-")) {
                continue;
            }
            String withoutMarker = spec.contains(";") ? spec.substring(0, spec.indexOf(';')).strip() : spec;
            Matcher m = NAMED.matcher(withoutMarker);
            if (!m.matches()) {
                continue;
            }
            Matcher exact = EXACT.matcher(m.group(3));
            boolean pinned = exact.matches() && !exact.group(1).contains("*");
            out.add(new Requirement(start + 1, req, m.group(1), pinned ? exact.group(1) : null,
                    pinned ? Kind.PINNED : Kind.LOOSE, hashed));
        }
        return out;
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        // "#" starts a comment only at the start or after whitespace; URLs carry "#egg=" fragments.
        while (hash > 0 && !Character.isWhitespace(line.charAt(hash - 1))) {
            hash = line.indexOf('#', hash + 1);
        }
        return hash < 0 ? line : line.substring(0, hash);
    }
}
