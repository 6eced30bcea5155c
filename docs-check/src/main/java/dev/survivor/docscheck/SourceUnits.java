package dev.survivor.docscheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Cuts a file into the {@link Unit}s whose text is checked: the comments of source files (never string
 * literals or code) and the prose of Markdown files (never fenced code blocks).
 */
public final class SourceUnits {
    /** How a file's comments are written. */
    enum Syntax { C_LIKE, JAVA, JAVASCRIPT, HASH, XML, HTML, MARKDOWN, NONE }

    private static final Pattern LIST_ITEM = Pattern.compile("\\s*([*+-]|\\d+[.)])\\s.*");

    private SourceUnits() {
    }

    /** The syntax of {@code file}; files without an extension count as shell scripts when they start with {@code #!}. */
    static Syntax syntaxOf(Path file, String text) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "java" -> Syntax.JAVA;
            case "c", "h", "cc", "cpp", "hpp", "cu", "cuh", "css" -> Syntax.C_LIKE;
            case "js", "mjs", "ts" -> Syntax.JAVASCRIPT;
            case "sh", "bash", "py", "properties", "yml", "yaml", "toml" -> Syntax.HASH;
            case "xml" -> Syntax.XML;
            case "html", "htm" -> Syntax.HTML;
            case "md" -> Syntax.MARKDOWN;
            case "" -> text.startsWith("#!") ? Syntax.HASH : Syntax.NONE;
            default -> Syntax.NONE;
        };
    }

    /** The units of {@code file} with content {@code text}; empty for files whose syntax is not known. */
    public static List<Unit> of(Path file, String text) {
        return switch (syntaxOf(file, text)) {
            case JAVA -> cLike(text, true, false);
            case C_LIKE -> cLike(text, false, false);
            case JAVASCRIPT -> cLike(text, false, true);
            case HASH -> hashComments(text);
            case XML -> xmlComments(text);
            case HTML -> html(text);
            case MARKDOWN -> markdown(text);
            case NONE -> List.of();
        };
    }

    /** Comments of C, C++, CUDA, Java and JavaScript; string, character and text-block literals are skipped. */
    static List<Unit> cLike(String s, boolean textBlocks, boolean templates) {
        List<Unit> units = new ArrayList<>();
        int line = 1;
        int lastLineComment = -10; // line of the previous own-line "//" comment
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (s.startsWith("//", i)) {
                int end = endOfLine(s, i);
                String body = s.substring(i + 2, end);
                boolean ownLine = onlySpaceBefore(s, i);
                if (ownLine && lastLineComment == line - 1 && !units.isEmpty()) {
                    Unit prev = units.removeLast();
                    units.add(new Unit(prev.line(), prev.text() + "\n" + body));
                } else {
                    units.add(new Unit(line, body));
                }
                lastLineComment = ownLine ? line : -10;
                i = end;
            } else if (s.startsWith("/*", i)) {
                int close = s.indexOf("*/", i + 2);
                int end = close < 0 ? n : close + 2;
                String body = s.substring(i + 2, close < 0 ? n : close);
                units.add(new Unit(line, body));
                line += count(body, '\n');
                i = end;
            } else if (textBlocks && s.startsWith("\"\"\"", i)) {
                int end = skipQuoted(s, i + 3, "\"\"\"", true);
                line += count(s.substring(i, end), '\n');
                i = end;
            } else if (c == '"' || c == '\'' || (templates && c == '`')) {
                int end = skipQuoted(s, i + 1, String.valueOf(c), c == '`');
                line += count(s.substring(i, end), '\n');
                i = end;
            } else {
                i++;
            }
        }
        return units;
    }

    /** Index just past the closing {@code quote}; an ordinary string also ends at a line break. */
    private static int skipQuoted(String s, int from, String quote, boolean multiLine) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (s.startsWith(quote, i)) {
                return i + quote.length();
            } else if (c == '\n' && !multiLine) {
                return i;
            } else {
                i++;
            }
        }
        return s.length();
    }

    /** Runs of lines whose first non-blank character is {@code #} (shell, Python, properties); not {@code #!}. */
    static List<Unit> hashComments(String s) {
        List<Unit> units = new ArrayList<>();
        String[] lines = s.split("\n", -1);
        StringBuilder cur = null;
        int start = 0;
        for (int k = 0; k < lines.length; k++) {
            String t = lines[k].strip();
            boolean comment = t.startsWith("#") && !(k == 0 && t.startsWith("#!"));
            if (comment) {
                if (cur == null) {
                    cur = new StringBuilder();
                    start = k + 1;
                } else {
                    cur.append('\n');
                }
                cur.append(t.substring(1));
            } else if (cur != null) {
                units.add(new Unit(start, cur.toString()));
                cur = null;
            }
        }
        if (cur != null) {
            units.add(new Unit(start, cur.toString()));
        }
        return units;
    }

    /** {@code <!-- … -->} comments. */
    static List<Unit> xmlComments(String s) {
        List<Unit> units = new ArrayList<>();
        int i = s.indexOf("<!--");
        while (i >= 0) {
            int close = s.indexOf("-->", i + 4);
            int end = close < 0 ? s.length() : close;
            units.add(new Unit(1 + count(s.substring(0, i), '\n'), s.substring(i + 4, end)));
            i = close < 0 ? -1 : s.indexOf("<!--", close + 3);
        }
        return units;
    }

    /** HTML comments plus the script comments that start a line ({@code //…} and {@code /* … *}{@code /}). */
    static List<Unit> html(String s) {
        List<Unit> units = new ArrayList<>(xmlComments(s));
        String[] lines = s.split("\n", -1);
        for (int k = 0; k < lines.length; k++) {
            String t = lines[k].strip();
            if (t.startsWith("//")) {
                units.add(new Unit(k + 1, t.substring(2)));
            } else if (t.startsWith("/*")) {
                StringBuilder b = new StringBuilder(t.substring(2));
                int start = k + 1;
                while (!b.toString().contains("*/") && k + 1 < lines.length) {
                    b.append('\n').append(lines[++k]);
                }
                String body = b.toString();
                int close = body.indexOf("*/");
                units.add(new Unit(start, close < 0 ? body : body.substring(0, close)));
            }
        }
        return units;
    }

    /**
     * Markdown prose: paragraphs, with every heading, list item and table row a unit of its own; fenced
     * code blocks are left out (they hold examples, not citations).
     */
    static List<Unit> markdown(String s) {
        List<Unit> units = new ArrayList<>();
        String[] lines = s.split("\n", -1);
        StringBuilder cur = null;
        int start = 0;
        String fence = null;
        for (int k = 0; k < lines.length; k++) {
            String raw = lines[k];
            String t = raw.strip();
            if (fence != null) {
                if (t.startsWith(fence)) {
                    fence = null;
                }
                continue;
            }
            if (t.startsWith("```") || t.startsWith("~~~")) {
                fence = t.substring(0, 3);
                flush(units, cur, start);
                cur = null;
                continue;
            }
            boolean blank = t.isEmpty();
            boolean starts = t.startsWith("#") || t.startsWith("|") || LIST_ITEM.matcher(raw).matches();
            if (blank || starts) {
                flush(units, cur, start);
                cur = null;
            }
            if (blank) {
                continue;
            }
            if (cur == null) {
                cur = new StringBuilder(raw);
                start = k + 1;
            } else {
                cur.append('\n').append(raw);
            }
            if (t.startsWith("#") || t.startsWith("|")) {
                flush(units, cur, start);
                cur = null;
            }
        }
        flush(units, cur, start);
        return units;
    }

    private static void flush(List<Unit> units, StringBuilder cur, int start) {
        if (cur != null) {
            units.add(new Unit(start, cur.toString()));
        }
    }

    private static int endOfLine(String s, int from) {
        int e = s.indexOf('\n', from);
        return e < 0 ? s.length() : e;
    }

    private static boolean onlySpaceBefore(String s, int i) {
        for (int k = i - 1; k >= 0 && s.charAt(k) != '\n'; k--) {
            if (!Character.isWhitespace(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
