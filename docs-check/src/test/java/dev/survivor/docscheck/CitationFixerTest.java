package dev.survivor.docscheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The mechanical rewrite touches comments and prose only, and is idempotent. */
class CitationFixerTest {
    @Test
    void javaCommentsAreRewrittenCodeAndStringsAreNot() {
        String before = """
                /** The target (step3-features.md §7.3 with DECISIONS S10). */
                class A {
                    String s = "models.md §2 // DECISIONS S4"; // see coordinator.md §5.1
                }
                """;
        String after = CitationFixer.fix(Path.of("src/A.java"), before);
        assertThat(after).isEqualTo("""
                /** The target (docs/step3-features.md §7.3 with docs/decisions.md S10). */
                class A {
                    String s = "models.md §2 // DECISIONS S4"; // see docs/coordinator.md §5.1
                }
                """);
        assertThat(CitationFixer.fix(Path.of("src/A.java"), after)).isEqualTo(after);
    }

    @Test
    void asciiSourcesSpellOutSections() {
        assertThat(CitationFixer.fix(Path.of("native/k.h"),
                "/* features of step3-features.md 3-5 with DECISIONS S1-S8; prng.md 1 */\n"))
                .isEqualTo("/* features of docs/step3-features.md sections 3-5 with docs/decisions.md S1-S8; "
                        + "docs/prng.md section 1 */\n");
    }

    @Test
    void markdownPathsOutOfTheRepositoryBecomeDocsPathsButFencesAndDocsStay() {
        String md = """
                Reference: `../shared/spec/models.md`; differences: `DECISIONS.md` M1–M5, see ../../spec/DECISIONS.md.
                ```
                models.md §1 in an example
                ```
                """;
        assertThat(CitationFixer.fix(Path.of("models/README.md"), md)).isEqualTo("""
                Reference: `docs/models.md`; differences: `docs/decisions.md` M1–M5, see docs/decisions.md.
                ```
                models.md §1 in an example
                ```
                """);
        assertThat(CitationFixer.fix(Path.of("docs/guide.md"), md)).isEqualTo(md);
    }

    @Test
    void shellAndXmlComments() {
        assertThat(CitationFixer.fix(Path.of("run.sh"), "#!/bin/sh\n# DECISIONS C3\necho DECISIONS\n"))
                .isEqualTo("#!/bin/sh\n# docs/decisions.md C3\necho DECISIONS\n");
        assertThat(CitationFixer.fix(Path.of("pom.xml"), "<a>prng.md</a><!-- prng.md §1 -->"))
                .isEqualTo("<a>prng.md</a><!-- docs/prng.md §1 -->");
    }
}
