package dev.preflight.collect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * nginx's configuration grammar, as its own tokenizer reads it: words separated by blanks, quoted
 * with {@code "} or {@code '} (backslash escapes inside), {@code #} comments to the end of the line,
 * and {@code ;}, <code>{</code> and <code>}</code> ending a directive or a block. A <code>{</code>
 * right after {@code $} is part of a variable name ({@code ${host}}), not a block.
 */
public final class NginxSyntax {
    private NginxSyntax() {
    }

    /** A directive: its name, arguments (quotes removed), where it was written, and its block (null for a simple directive). */
    public record Directive(String name, List<String> args, String file, int line, List<Directive> block) {
        public Directive {
            args = List.copyOf(args);
            block = block == null ? null : List.copyOf(block);
        }

        public boolean isBlock() {
            return block != null;
        }

        public String arg(int i) {
            return i < args.size() ? args.get(i) : "";
        }

        /** The directive as it was written, for evidence: {@code listen 443 ssl}. */
        public String text() {
            return args.isEmpty() ? name : name + " " + String.join(" ", args);
        }

        /** This directive with its block replaced, for include expansion. */
        Directive withBlock(List<Directive> newBlock) {
            return new Directive(name, args, file, line, newBlock);
        }
    }

    private record Token(String text, boolean quoted, int line, int column) {
        boolean is(String special) {
            return !quoted && text.equals(special);
        }
    }

    public static List<Directive> parse(String file, String text) throws CannotParse {
        List<Token> tokens = tokenize(text);
        Deque<List<Directive>> open = new ArrayDeque<>();
        Deque<Token> openers = new ArrayDeque<>();
        Deque<List<Token>> openHeads = new ArrayDeque<>();
        List<Directive> current = new ArrayList<>();
        List<Token> words = new ArrayList<>();
        for (Token t : tokens) {
            if (t.is(";")) {
                if (words.isEmpty()) {
                    throw new CannotParse(t.line(), t.column(), "unexpected \";\"");
                }
                current.add(directive(file, words, null));
                words = new ArrayList<>();
            } else if (t.is("{")) {
                if (words.isEmpty()) {
                    throw new CannotParse(t.line(), t.column(), "unexpected \"{\"");
                }
                open.push(current);
                openers.push(t);
                openHeads.push(words);
                current = new ArrayList<>();
                words = new ArrayList<>();
            } else if (t.is("}")) {
                if (!words.isEmpty()) {
                    throw new CannotParse(t.line(), t.column(), "unexpected \"}\" after \"" + words.getFirst().text() + "\" (missing \";\")");
                }
                if (open.isEmpty()) {
                    throw new CannotParse(t.line(), t.column(), "unexpected \"}\"");
                }
                List<Directive> block = current;
                current = open.pop();
                openers.pop();
                current.add(directive(file, openHeads.pop(), block));
            } else {
                words.add(t);
            }
        }
        if (!words.isEmpty()) {
            Token last = words.getLast();
            throw new CannotParse(last.line(), last.column(), "unexpected end of file, expecting \";\" or \"}\" after \"" + words.getFirst().text() + "\"");
        }
        if (!open.isEmpty()) {
            Token opener = openers.peek();
            throw new CannotParse(opener.line(), opener.column(), "unexpected end of file: the block opened here is not closed");
        }
        return current;
    }

    private static Directive directive(String file, List<Token> words, List<Directive> block) {
        Token head = words.getFirst();
        return new Directive(head.text(), words.subList(1, words.size()).stream().map(Token::text).toList(), file, head.line(), block);
    }

    private static List<Token> tokenize(String text) throws CannotParse {
        List<Token> tokens = new ArrayList<>();
        int line = 1;
        int column = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                column = 1;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
                column++;
            } else if (c == '#') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == ';' || c == '{' || c == '}') {
                tokens.add(new Token(String.valueOf(c), false, line, column));
                i++;
                column++;
            } else if (c == '"' || c == '\'') {
                int startLine = line;
                int startColumn = column;
                StringBuilder word = new StringBuilder();
                i++;
                column++;
                while (true) {
                    if (i >= n) {
                        throw new CannotParse(startLine, startColumn, "unterminated quoted string");
                    }
                    char q = text.charAt(i);
                    if (q == c) {
                        i++;
                        column++;
                        break;
                    }
                    if (q == '\\' && i + 1 < n && (text.charAt(i + 1) == c || text.charAt(i + 1) == '\\')) {
                        word.append(text.charAt(i + 1));
                        i += 2;
                        column += 2;
                        continue;
                    }
                    word.append(q);
                    i++;
                    if (q == '\n') {
                        line++;
                        column = 1;
                    } else {
                        column++;
                    }
                }
                if (i < n && !Character.isWhitespace(text.charAt(i)) && ";{}".indexOf(text.charAt(i)) < 0) {
                    throw new CannotParse(line, column, "unexpected \"" + text.charAt(i) + "\" after a quoted string");
                }
                tokens.add(new Token(word.toString(), true, startLine, startColumn));
            } else {
                int startColumn = column;
                StringBuilder word = new StringBuilder();
                while (i < n) {
                    char w = text.charAt(i);
                    if (Character.isWhitespace(w) || w == ';' || w == '}') {
                        break;
                    }
                    if (w == '{') {
                        if (word.isEmpty() || word.charAt(word.length() - 1) != '$') {
                            break;
                        }
                        int close = text.indexOf('}', i);
                        if (close < 0) {
                            throw new CannotParse(line, column, "unterminated variable name");
                        }
                        word.append(text, i, close + 1);
                        column += close + 1 - i;
                        i = close + 1;
                        continue;
                    }
                    if (w == '\\' && i + 1 < n && !Character.isWhitespace(text.charAt(i + 1))) {
                        word.append(w).append(text.charAt(i + 1));
                        i += 2;
                        column += 2;
                        continue;
                    }
                    word.append(w);
                    i++;
                    column++;
                }
                tokens.add(new Token(word.toString(), false, line, startColumn));
            }
        }
        return tokens;
    }
}
