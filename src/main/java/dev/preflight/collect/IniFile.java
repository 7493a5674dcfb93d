package dev.preflight.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The INI dialect of systemd units and Supervisor configs: {@code [section]} headers, {@code key=value}
 * entries (Supervisor also accepts {@code key: value}), {@code #} and {@code ;} comments, and a
 * trailing backslash continuing a value on the next line. A key may repeat; each entry keeps its line.
 */
public record IniFile(String path, List<Section> sections) {

    public record Entry(String key, String value, int line) {
    }

    public record Section(String name, int line, List<Entry> entries) {
        /** The last value of {@code key}, as systemd and Supervisor read a repeated single-valued key. */
        public Optional<Entry> last(String key) {
            Entry found = null;
            for (Entry e : entries) {
                if (e.key().equals(key)) {
                    found = e;
                }
            }
            return Optional.ofNullable(found);
        }

        public List<Entry> all(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).toList();
        }
    }

    public static IniFile parse(String path, String text, boolean colonSeparates) throws CannotParse {
        List<Section> sections = new ArrayList<>();
        List<Entry> entries = null;
        String[] lines = text.split("\\r?\\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            String line = raw.strip();
            int lineNo = i + 1;
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                int close = line.indexOf(']');
                if (close < 0) {
                    throw new CannotParse(lineNo, raw.indexOf('[') + 1, "section header without ']'");
                }
                entries = new ArrayList<>();
                sections.add(new Section(line.substring(1, close).strip(), lineNo, entries));
                continue;
            }
            int eq = line.indexOf('=');
            int colon = colonSeparates ? line.indexOf(':') : -1;
            int sep = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
            if (sep <= 0) {
                throw new CannotParse(lineNo, raw.indexOf(line.charAt(0)) + 1, "expected key=value or [section]");
            }
            if (entries == null) {
                throw new CannotParse(lineNo, 1, "entry before any [section]");
            }
            StringBuilder value = new StringBuilder(line.substring(sep + 1).strip());
            while (value.length() > 0 && value.charAt(value.length() - 1) == '\\' && i + 1 < lines.length) {
                value.setLength(value.length() - 1);
                value = new StringBuilder(value.toString().stripTrailing()).append(' ').append(lines[++i].strip());
            }
            entries.add(new Entry(line.substring(0, sep).strip(), value.toString().strip(), lineNo));
        }
        return new IniFile(path, List.copyOf(sections));
    }

    public List<Section> sections(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).toList();
    }
}
