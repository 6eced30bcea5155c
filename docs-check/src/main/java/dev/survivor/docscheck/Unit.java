package dev.survivor.docscheck;

/**
 * A stretch of text whose citations are read together: one comment (a block comment, or a run of
 * line comments), or one Markdown paragraph, list item or table row. A bare section number refers to
 * the document named last in the same unit.
 *
 * @param line first line of the text in its file (1-based)
 * @param text the text, line breaks kept so a match can be mapped back to its line
 */
public record Unit(int line, String text) {
    /** The file line of character {@code offset} of the text. */
    public int lineAt(int offset) {
        int n = line;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
