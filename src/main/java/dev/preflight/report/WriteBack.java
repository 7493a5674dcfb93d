package dev.preflight.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.preflight.check.Status;
import dev.preflight.files.AtomicFiles;
import dev.preflight.checklist.Directive;

/**
 * {@code --write}: ticks items that PASS or are ATTESTED, unticks items that FAIL, and keeps one
 * trailing {@code <!-- preflight: ... status=S since=DATE -->} comment on each item line. Only the
 * checkbox character and that comment change; every other byte stays, including line ends and a
 * byte-order mark. {@code since} changes only when the status does, so writing the same results
 * again changes nothing. The file is replaced atomically, and only when something changed.
 */
public final class WriteBack {
    /**
     * The box on an item line: after the quote marks and list markers that contain the item (none
     * when the item's marker stood alone on the line above).
     */
    private static final Pattern BOX = Pattern.compile("^(\uFEFF?[ \t>]*(?:(?:[-*+]|\\d{1,9}[.)])[ \t][ \t>]*)*\\[)([ xX])(\\])");

    private WriteBack() {
    }

    /** Rewrites {@code file} from the report; returns whether anything changed. */
    public static boolean write(Path file, Report report, LocalDate today) throws IOException {
        byte[] before = Files.readAllBytes(file);
        String after = apply(new String(before, StandardCharsets.UTF_8), report, today);
        byte[] bytes = after.getBytes(StandardCharsets.UTF_8);
        if (java.util.Arrays.equals(before, bytes)) {
            return false;
        }
        // Through a link, the file it points to is the checklist; the link itself stays.
        AtomicFiles.write(file.toRealPath(), bytes);
        return true;
    }

    /** The new text of a checklist, given its current text and a report of it. */
    public static String apply(String text, Report report, LocalDate today) {
        Map<Integer, Status> byLine = new HashMap<>();
        report.items().forEach(i -> byLine.put(i.line(), i.status()));
        List<String[]> lines = splitKeepingEnds(text);
        StringBuilder out = new StringBuilder(text.length() + byLine.size() * 48);
        for (int n = 0; n < lines.size(); n++) {
            String content = lines.get(n)[0];
            Status status = byLine.get(n + 1);
            out.append(status == null ? content : rewrite(content, status, today)).append(lines.get(n)[1]);
        }
        return out.toString();
    }

    private static String rewrite(String line, Status status, LocalDate today) {
        Matcher box = BOX.matcher(line);
        if (!box.find()) {
            return line;
        }
        String mark = box.group(2);
        if (status == Status.PASS || status == Status.ATTESTED) {
            mark = mark.isBlank() ? "x" : mark;
        } else if (status == Status.FAIL) {
            mark = " ";
        }
        String rest = line.substring(box.end());
        return box.group(1) + mark + box.group(3) + withComment(rest, status, today);
    }

    private static String withComment(String rest, Status status, LocalDate today) {
        Matcher comment = Directive.COMMENT.matcher(rest);
        if (!comment.find()) {
            return rest + " " + render(List.of(), status, today.toString());
        }
        List<String> kept = new ArrayList<>();
        String previousStatus = null;
        String since = null;
        for (String word : comment.group(1).trim().split("\\s+")) {
            if (word.startsWith("status=")) {
                previousStatus = word.substring(7);
            } else if (word.startsWith("since=")) {
                since = word.substring(6);
            } else if (!word.isEmpty()) {
                kept.add(word);
            }
        }
        String date = status.name().equals(previousStatus) && since != null ? since : today.toString();
        return rest.substring(0, comment.start()) + render(kept, status, date) + rest.substring(comment.end());
    }

    private static String render(List<String> kept, Status status, String date) {
        String words = kept.isEmpty() ? "" : String.join(" ", kept) + " ";
        return "<!-- preflight: " + words + "status=" + status + " since=" + date + " -->";
    }

    /** Lines with their terminators ("\r\n", "\n", "\r" or "" at the end), as the parser counts them. */
    private static List<String[]> splitKeepingEnds(String text) {
        List<String[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                int end = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
                lines.add(new String[] {text.substring(start, i), text.substring(i, end)});
                start = end;
                i = end - 1;
            }
        }
        lines.add(new String[] {text.substring(start), ""});
        return lines;
    }
}
