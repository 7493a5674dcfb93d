package dev.preflight.text;

/** Positions in a text by line, for findings that point at {@code file:line}. */
public final class Lines {
    private Lines() {
    }

    /** The 1-based line of {@code offset}. */
    public static int lineAt(CharSequence text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The 1-based line of the first occurrence of {@code needle}, or 0 when it does not occur. */
    public static int lineOfFirst(String text, String needle) {
        int at = text.indexOf(needle);
        return at < 0 ? 0 : lineAt(text, at);
    }

    /** The whole line holding {@code offset}, without its line end and surrounding blanks. */
    public static String lineOf(String text, int offset) {
        int start = text.lastIndexOf('\n', offset - 1) + 1;
        int end = text.indexOf('\n', offset);
        return text.substring(start, end < 0 ? text.length() : end).strip();
    }
}
