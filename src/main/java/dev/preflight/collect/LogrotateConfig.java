package dev.preflight.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A logrotate configuration: global directives, and blocks of log path patterns with their own
 * directives. Script sections ({@code postrotate} ... {@code endscript}) are skipped whole, since
 * they hold shell, not directives.
 */
public record LogrotateConfig(String path, List<Directive> globals, List<Block> blocks) {

    public record Directive(String name, List<String> args, int line) {
    }

    public record Block(List<String> patterns, int line, List<Directive> directives) {
        public Optional<Directive> find(String... names) {
            return directives.stream().filter(d -> List.of(names).contains(d.name())).reduce((a, b) -> b);
        }
    }

    private static final Pattern WORD = Pattern.compile("\"([^\"]*)\"|'([^']*)'|(\\S+)");
    private static final List<String> SCRIPTS = List.of("postrotate", "prerotate", "firstaction", "lastaction", "preremove");

    public static LogrotateConfig parse(String path, String text) throws CannotParse {
        List<Directive> globals = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        List<Directive> current = null;
        List<String> patterns = null;
        int blockLine = 0;
        String[] lines = text.split("\\r?\\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            String line = raw.strip();
            int lineNo = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.equals("}")) {
                if (current == null) {
                    throw new CannotParse(lineNo, raw.indexOf('}') + 1, "unexpected '}'");
                }
                blocks.add(new Block(List.copyOf(patterns), blockLine, List.copyOf(current)));
                current = null;
                continue;
            }
            if (line.endsWith("{")) {
                if (current != null) {
                    throw new CannotParse(lineNo, raw.indexOf('{') + 1, "a block cannot open inside another");
                }
                patterns = words(line.substring(0, line.length() - 1));
                if (patterns.isEmpty()) {
                    throw new CannotParse(lineNo, raw.indexOf('{') + 1, "a block needs at least one log path");
                }
                current = new ArrayList<>();
                blockLine = lineNo;
                continue;
            }
            List<String> words = words(line);
            String name = words.getFirst();
            if (SCRIPTS.contains(name)) {
                int end = i + 1;
                while (end < lines.length && !lines[end].strip().equals("endscript")) {
                    end++;
                }
                if (end >= lines.length) {
                    throw new CannotParse(lineNo, raw.indexOf(name) + 1, name + " without endscript");
                }
                i = end;
                continue;
            }
            Directive d = new Directive(name, words.subList(1, words.size()), lineNo);
            (current == null ? globals : current).add(d);
        }
        if (current != null) {
            throw new CannotParse(blockLine, 1, "block not closed with '}'");
        }
        return new LogrotateConfig(path, List.copyOf(globals), List.copyOf(blocks));
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
        }
        return out;
    }
}
