package dev.survivor.docscheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the mechanical old citation forms into the form of docs/README.md §2, only inside comments
 * and Markdown prose: a design document named without its folder or by a path out of the repository
 * gets {@code docs/} in front, the reference's upper-case decisions file becomes {@code docs/decisions.md},
 * and ASCII sources get the word "section" before bare numbers. A bare section number in a comment of
 * its own needs a person: the check reports it.
 */
final class CitationFixer {
    private static final Pattern DESIGN = Pattern.compile(
            "(?<![\\w/.-])(?:(?:\\.\\./)+(?:shared/)?spec/)?(prng|step3-features|coordinator|models|architecture)\\.md(?![\\w-])");
    private static final Pattern DECISIONS = Pattern.compile(
            "(?<![\\w/.-])(?:(?:\\.\\./)+(?:shared/)?spec/)?DECISIONS(?:\\.md)?\\b");
    private static final Pattern ASCII_RANGE = Pattern.compile("(docs/[\\w-]+\\.md) (\\d+(?:\\.\\d+)*)-(\\d+(?:\\.\\d+)*)\\b");
    private static final Pattern ASCII_ONE = Pattern.compile("(docs/[\\w-]+\\.md) (\\d+(?:\\.\\d+)*)\\b");

    private CitationFixer() {
    }

    /** The fixed text of {@code file} (unchanged for files inside docs/, which cite each other by name). */
    static String fix(Path relative, String text) {
        if (relative.getParent() != null && relative.getParent().equals(Path.of(DesignDocs.FOLDER))) {
            return text;
        }
        boolean ascii = SourceUnits.syntaxOf(relative, text) == SourceUnits.Syntax.C_LIKE;
        List<SourceUnits.Span> spans = new ArrayList<>(SourceUnits.spans(relative, text));
        StringBuilder out = new StringBuilder(text.length() + 64);
        int at = 0;
        for (SourceUnits.Span sp : spans) {
            if (sp.start() < at) {
                continue; // overlaps a span already rewritten
            }
            out.append(text, at, sp.start()).append(fixComment(text.substring(sp.start(), sp.end()), ascii));
            at = sp.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    static String fixComment(String comment, boolean ascii) {
        String s = DESIGN.matcher(comment).replaceAll(m -> "docs/" + m.group(1) + ".md");
        s = DECISIONS.matcher(s).replaceAll("docs/decisions.md");
        if (ascii) {
            s = ASCII_RANGE.matcher(s).replaceAll("$1 sections $2-$3");
            s = ASCII_ONE.matcher(s).replaceAll(m -> m.group(1) + " section " + Matcher.quoteReplacement(m.group(2)));
        }
        return s;
    }
}
