package dev.preflight.checklist;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.commonmark.ext.task.list.items.TaskListItemMarker;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Reads a Markdown checklist as it is: GitHub task-list items at any depth, under any heading.
 *
 * <p>CommonMark decides what is a list item, so a {@code - [ ]} inside a fenced or indented code
 * block is not an item, and code blocks inside an item stay with it. Lines are counted in the
 * file as written (a byte-order mark and CRLF line ends change nothing).
 */
public final class ChecklistParser {

    /** Larger files are refused: no real checklist comes near this, and a mistaken path might. */
    public static final long MAX_BYTES = 10L * 1024 * 1024;
    public static final int MAX_LINE_CHARS = 20_000;

    private static final Parser MARKDOWN = Parser.builder()
            .extensions(List.of(TaskListItemsExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .build();

    public Checklist parse(Path path) throws ChecklistException {
        return parse(path, read(path));
    }

    /** Reads and validates a checklist file's text; every problem is one line naming the file. */
    public static String read(Path path) throws ChecklistException {
        if (Files.isDirectory(path)) {
            throw new ChecklistException(path + ": is a directory; give the checklist's Markdown file");
        }
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw new ChecklistException(String.format("%s: %.1f MB is too large for a checklist (the limit is %d MB)",
                        path, size / 1048576.0, MAX_BYTES / 1048576));
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ChecklistException(path + ": no such file");
        } catch (IOException e) {
            throw new ChecklistException(path + ": cannot be read (" + e.getMessage() + ")");
        }
        return decode(path, bytes);
    }

    static String decode(Path path, byte[] bytes) throws ChecklistException {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new ChecklistException(path + ":" + lineAt(bytes, i)
                        + ": binary content (a NUL byte); a checklist is a Markdown text file");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        String text;
        try {
            text = decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            int offset = firstInvalidUtf8(bytes);
            throw new ChecklistException(String.format("%s:%d: not valid UTF-8 (byte 0x%02X); save the checklist as UTF-8",
                    path, lineAt(bytes, offset), bytes[offset] & 0xff));
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - lineStart > MAX_LINE_CHARS) {
                    throw new ChecklistException(String.format("%s:%d: line is %,d characters long; a checklist line may have at most %,d",
                            path, line, i - lineStart, MAX_LINE_CHARS));
                }
                line++;
                lineStart = i + 1;
            }
        }
        return text;
    }

    private static int firstInvalidUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        var out = java.nio.CharBuffer.allocate(bytes.length + 1);
        var result = decoder.decode(in, out, true);
        return result.isError() ? in.position() : 0;
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Parses already-read text; {@code path} is used for ids in messages only. */
    public Checklist parse(Path path, String text) throws ChecklistException {
        String source = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] lines = source.split("\r?\n|\r", -1);
        Node document = MARKDOWN.parse(source);
        Collector collector = new Collector(path, lines);
        document.accept(collector);
        if (collector.error != null) {
            throw collector.error;
        }
        return new Checklist(path, collector.items);
    }

    /** Walks the document once, keeping the heading stack and the enclosing task items. */
    private static final class Collector extends AbstractVisitor {
        private final Path path;
        private final String[] lines;
        private final TreeMap<Integer, String> headings = new TreeMap<>();
        private final List<Item> items = new ArrayList<>();
        private final List<String> openItemIds = new ArrayList<>();
        private final Map<String, Integer> seenIds = new HashMap<>();
        private ChecklistException error;

        Collector(Path path, String[] lines) {
            this.path = path;
            this.lines = lines;
        }

        @Override
        public void visit(Heading heading) {
            headings.tailMap(heading.getLevel(), true).clear();
            headings.put(heading.getLevel(), PlainText.of(heading));
        }

        @Override
        public void visit(ListItem listItem) {
            TaskListItemMarker marker = markerOf(listItem);
            if (marker == null || error != null) {
                visitChildren(listItem);
                return;
            }
            Paragraph paragraph = firstParagraph(listItem);
            // The box is on the paragraph's first line, which is not the marker's when the item starts with a blank line.
            int line = firstLine(paragraph != null ? paragraph : listItem);
            String raw = line < lines.length ? lines[line] : "";
            Directive directive;
            try {
                directive = Directive.parse(raw);
            } catch (Directive.DirectiveException e) {
                error = new ChecklistException(path + ":" + (line + 1) + ": " + e.getMessage());
                return;
            }
            String text = paragraph == null ? "" : PlainText.of(paragraph);
            List<String> section = List.copyOf(headings.values());
            String id = directive.id() != null ? directive.id() : uniqueId(ItemIds.derive(section, text));
            if (directive.id() != null && seenIds.containsKey(id)) {
                error = new ChecklistException(path + ":" + (line + 1) + ": id '" + id + "' is used by an earlier item too");
                return;
            }
            seenIds.merge(id, 1, Integer::sum);
            String parent = openItemIds.isEmpty() ? null : openItemIds.getLast();
            items.add(new Item(id, text, marker.isChecked(), line + 1, section, parent, directive));
            openItemIds.add(id);
            visitChildren(listItem);
            openItemIds.removeLast();
        }

        private String uniqueId(String base) {
            int n = seenIds.getOrDefault(base, 0);
            if (n == 0) {
                return base;
            }
            String candidate;
            do {
                n++;
                candidate = base + "-" + n;
            } while (seenIds.containsKey(candidate));
            seenIds.put(base, n);
            return candidate;
        }

        private static TaskListItemMarker markerOf(ListItem item) {
            Node first = item.getFirstChild();
            if (first instanceof Paragraph p) {
                first = p.getFirstChild();
            }
            return first instanceof TaskListItemMarker m ? m : null;
        }

        private static Paragraph firstParagraph(ListItem item) {
            for (Node child = item.getFirstChild(); child != null; child = child.getNext()) {
                if (child instanceof Paragraph p) {
                    return p;
                }
            }
            return null;
        }

        private static int firstLine(Node node) {
            List<SourceSpan> spans = node.getSourceSpans();
            return spans.isEmpty() ? 0 : spans.getFirst().getLineIndex();
        }
    }

    /** The words of a node as a reader sees them: emphasis and code marks dropped, HTML comments skipped. */
    static final class PlainText extends AbstractVisitor {
        private final StringBuilder out = new StringBuilder();

        static String of(Node node) {
            PlainText visitor = new PlainText();
            node.accept(visitor);
            return visitor.out.toString().replaceAll("\\s+", " ").strip();
        }

        @Override
        public void visit(Text text) {
            out.append(text.getLiteral());
        }

        @Override
        public void visit(Code code) {
            out.append(code.getLiteral());
        }

        @Override
        public void visit(HtmlInline html) {
            out.append(' ');
        }

        @Override
        public void visit(org.commonmark.node.SoftLineBreak softLineBreak) {
            out.append(' ');
        }

        @Override
        public void visit(org.commonmark.node.HardLineBreak hardLineBreak) {
            out.append(' ');
        }
    }
}
