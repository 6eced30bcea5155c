package dev.survivor.docscheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What counts as a comment or as prose, and on which line it starts. */
class SourceUnitsTest {
    @Test
    void consecutiveOwnLineCommentsAreOneUnitTrailingOnesAreNot() {
        List<Unit> u = SourceUnits.cLike("""
                int a; // trailing
                // first
                // second
                int b;
                /* block
                   two */ int c; // after
                """, true, false);
        assertThat(u).extracting(Unit::line).containsExactly(1, 2, 5, 6);
        assertThat(u.get(1).text()).isEqualTo(" first\n second");
        assertThat(u.get(2).lineAt(u.get(2).text().indexOf("two"))).isEqualTo(6);
    }

    @Test
    void stringsCharactersAndTextBlocksHideCommentMarkers() {
        assertThat(SourceUnits.cLike("""
                String a = "// no", b = "/* no */";
                char q = '\\'';
                String t = \"""
                   // no
                   \""";
                """, true, false)).isEmpty();
        assertThat(SourceUnits.cLike("let s = `// no`; // yes\n", false, true))
                .extracting(Unit::text).containsExactly(" yes");
    }

    @Test
    void hashCommentsSkipTheShebang() {
        assertThat(SourceUnits.hashComments("#!/bin/sh\n# one\n  # two\necho x # not a comment line\n# three\n"))
                .extracting(Unit::line, Unit::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, " one\n two"),
                        org.assertj.core.groups.Tuple.tuple(5, " three"));
    }

    @Test
    void markdownUnitsAreParagraphsItemsRowsAndHeadingsWithoutFences() {
        List<Unit> u = SourceUnits.markdown("""
                # Title
                first paragraph
                continues
                * item one
                  continues
                - item two
                | a | b |
                | c | d |
                ```
                fenced
                ```

                last
                """);
        assertThat(u).extracting(Unit::line).containsExactly(1, 2, 4, 6, 7, 8, 13);
        assertThat(u).noneMatch(x -> x.text().contains("fenced"));
    }

    @Test
    void xmlAndHtmlComments() {
        assertThat(SourceUnits.xmlComments("<a>\n<!-- one\n two --><b/><!--three-->\n"))
                .extracting(Unit::line).containsExactly(2, 3);
        assertThat(SourceUnits.html("<p>don't</p>\n<script>\n  // note\n  let a = 1; // trailing is skipped\n</script>\n"))
                .extracting(Unit::text).containsExactly(" note");
    }
}
