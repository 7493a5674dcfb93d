package dev.preflight.collect.host;

import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The host's {@code sshd_config} as sshd reads it: keywords case-insensitive, the first value of a
 * keyword wins, {@code Include} files read in place (relative names under /etc/ssh, globs in the last
 * segment, in lexical order), and {@code Match} blocks kept apart from the global settings: a Match
 * lasts until the next Match or the end of the file it is in.
 */
public final class SshdConfig {
    public static final String MAIN = "/etc/ssh/sshd_config";
    private static final int MAX_DEPTH = 16;

    /** One setting, where it was read, and the Match it applies under (null: everyone). */
    public record Setting(String keyword, String value, String file, int line, String match) {
        public String describe() {
            return file + ":" + line + ": " + keyword + " " + value + (match == null ? "" : " (under Match " + match + ")");
        }
    }

    private final List<Setting> settings;
    private final List<String> unreadIncludes;

    private SshdConfig(List<Setting> settings, List<String> unreadIncludes) {
        this.settings = List.copyOf(settings);
        this.unreadIncludes = List.copyOf(unreadIncludes);
    }

    /** The config, or empty when the host has no {@code /etc/ssh/sshd_config}. */
    public static Optional<SshdConfig> read(HostRoot host) {
        Optional<String> main = host.read(MAIN);
        if (main.isEmpty()) {
            return Optional.empty();
        }
        List<Setting> settings = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        parse(host, MAIN, main.get(), null, 0, settings, unread);
        return Optional.of(new SshdConfig(settings, unread));
    }

    private static void parse(HostRoot host, String file, String text, String enclosingMatch, int depth, List<Setting> out, List<String> unread) {
        String match = enclosingMatch;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s*=\\s*|\\s+", 2);
            String keyword = parts[0];
            String value = parts.length > 1 ? unquote(parts[1].strip()) : "";
            if (keyword.equalsIgnoreCase("match")) {
                match = value.equalsIgnoreCase("all") ? null : value;
            } else if (keyword.equalsIgnoreCase("include")) {
                for (String pattern : value.split("\\s+")) {
                    include(host, pattern, match, depth, out, unread);
                }
            } else {
                out.add(new Setting(keyword, value, file, i + 1, match));
            }
        }
    }

    private static void include(HostRoot host, String pattern, String match, int depth, List<Setting> out, List<String> unread) {
        String path = pattern.startsWith("/") ? pattern : "/etc/ssh/" + pattern;
        if (depth >= MAX_DEPTH) {
            unread.add(path + " (includes nested too deep)");
            return;
        }
        int slash = path.lastIndexOf('/');
        String dir = slash == 0 ? "/" : path.substring(0, slash);
        String name = path.substring(slash + 1);
        List<String> files = new ArrayList<>();
        if (name.matches(".*[*?\\[].*")) {
            PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + name);
            for (String entry : host.list(dir)) {
                if (glob.matches(java.nio.file.Path.of(entry))) {
                    files.add(dir + "/" + entry);
                }
            }
        } else {
            files.add(path);
        }
        for (String file : files) {
            Optional<String> text = host.read(file);
            if (text.isEmpty()) {
                if (!name.matches(".*[*?\\[].*")) {
                    unread.add(file);
                }
                continue;
            }
            parse(host, file, text.get(), match, depth + 1, out, unread);
        }
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    /** The value sshd uses for everyone: the first one outside any Match. */
    public Optional<Setting> global(String keyword) {
        return settings.stream().filter(s -> s.keyword().equalsIgnoreCase(keyword) && s.match() == null).findFirst();
    }

    /** The values Match blocks set, each the first of its block. */
    public List<Setting> underMatch(String keyword) {
        List<Setting> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Setting s : settings) {
            if (s.keyword().equalsIgnoreCase(keyword) && s.match() != null && !seen.contains(s.match())) {
                seen.add(s.match());
                out.add(s);
            }
        }
        return out;
    }

    /** Included files named outright that could not be read. */
    public List<String> unreadIncludes() {
        return unreadIncludes;
    }
}
