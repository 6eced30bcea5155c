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

    /**
     * Where a comment's text lies in its file: characters {@code [start, end)}, starting on {@code line};
     * {@code joinable} for a line comment alone on its line, which continues the one on the line above.
     */
    record Span(int start, int end, int line, boolean joinable) {
    }

    /** Comments of C, C++, CUDA, Java and JavaScript; string, character and text-block literals are skipped. */
    static List<Unit> cLike(String s, boolean textBlocks, boolean templates) {
        return join(s, cLikeSpans(s, textBlocks, templates));
    }

    static List<Span> cLikeSpans(String s, boolean textBlocks, boolean templates) {
        List<Span> spans = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (s.startsWith("//", i)) {
                int end = endOfLine(s, i);
                spans.add(new Span(i + 2, end, line, onlySpaceBefore(s, i)));
                i = end;
            } else if (s.startsWith("/*", i)) {
                int close = s.indexOf("*/", i + 2);
                int end = close < 0 ? n : close;
                spans.add(new Span(i + 2, end, line, false));
                line += count(s.substring(i, end), '\n');
                i = close < 0 ? n : close + 2;
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
        return spans;
    }

    /** Units from spans: joinable line comments on consecutive lines become one unit. */
    private static List<Unit> join(String s, List<Span> spans) {
        List<Unit> units = new ArrayList<>();
        int last = -10;
        for (Span sp : spans) {
            String body = s.substring(sp.start(), sp.end());
            if (sp.joinable() && last == sp.line() - 1 && !units.isEmpty()) {
                Unit prev = units.removeLast();
                units.add(new Unit(prev.line(), prev.text() + "\n" + body));
            } else {
                units.add(new Unit(sp.line(), body));
            }
            last = sp.joinable() ? sp.line() : -10;
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
        return join(s, hashSpans(s));
    }

    static List<Span> hashSpans(String s) {
        List<Span> spans = new ArrayList<>();
        int at = 0;
        int line = 1;
        for (String raw : s.split("\n", -1)) {
            String t = raw.strip();
            if (t.startsWith("#") && !(line == 1 && t.startsWith("#!"))) {
                int hash = at + raw.indexOf('#');
                spans.add(new Span(hash + 1, at + raw.length(), line, true));
            }
            at += raw.length() + 1;
            line++;
        }
        return spans;
    }

    /** {@code <!-- … -->} comments. */
    static List<Unit> xmlComments(String s) {
        return join(s, xmlSpans(s));
    }

    static List<Span> xmlSpans(String s) {
        List<Span> spans = new ArrayList<>();
        int i = s.indexOf("<!--");
        while (i >= 0) {
            int close = s.indexOf("-->", i + 4);
            spans.add(new Span(i + 4, close < 0 ? s.length() : close, 1 + count(s.substring(0, i), '\n'), false));
            i = close < 0 ? -1 : s.indexOf("<!--", close + 3);
        }
        return spans;
    }

    /** HTML comments plus the script comments that start a line ({@code //…} and {@code /* … *}{@code /}). */
    static List<Unit> html(String s) {
        return join(s, htmlSpans(s));
    }

    static List<Span> htmlSpans(String s) {
        List<Span> spans = new ArrayList<>(xmlSpans(s));
        int at = 0;
        int line = 1;
        for (String raw : s.split("\n", -1)) {
            int first = at + raw.length() - raw.stripLeading().length();
            if (spans.stream().anyMatch(sp -> sp.start() <= first && first < sp.end())) {
                // inside a comment that started earlier
            } else if (s.startsWith("//", first)) {
                spans.add(new Span(first + 2, at + raw.length(), line, false));
            } else if (s.startsWith("/*", first)) {
                int close = s.indexOf("*/", first + 2);
                spans.add(new Span(first + 2, close < 0 ? s.length() : close, line, false));
            }
            at += raw.length() + 1;
            line++;
        }
        spans.sort(java.util.Comparator.comparingInt(Span::start));
        return spans;
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

    /** The prose of a Markdown file: every line outside fenced code blocks. */
    static List<Span> markdownSpans(String s) {
        List<Span> spans = new ArrayList<>();
        int at = 0;
        int line = 1;
        String fence = null;
        for (String raw : s.split("\n", -1)) {
            String t = raw.strip();
            if (fence != null) {
                fence = t.startsWith(fence) ? null : fence;
            } else if (t.startsWith("```") || t.startsWith("~~~")) {
                fence = t.substring(0, 3);
            } else {
                spans.add(new Span(at, at + raw.length(), line, false));
            }
            at += raw.length() + 1;
            line++;
        }
        return spans;
    }

    /** Where the checked text of a file lies (for {@link CitationFixer}). */
    static List<Span> spans(Path file, String text) {
        return switch (syntaxOf(file, text)) {
            case JAVA -> cLikeSpans(text, true, false);
            case C_LIKE -> cLikeSpans(text, false, false);
            case JAVASCRIPT -> cLikeSpans(text, false, true);
            case HASH -> hashSpans(text);
            case XML -> xmlSpans(text);
            case HTML -> htmlSpans(text);
            case MARKDOWN -> markdownSpans(text);
            case NONE -> List.of();
        };
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
