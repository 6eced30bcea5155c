package dev.survivor.docscheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The citation rules of docs/README.md §2 on a small repository made up for each test. */
class CitationCheckTest {
    @TempDir
    Path root;

    @BeforeEach
    void designDocs() throws IOException {
        write("docs/guide.md", """
                # Guide
                ## §1 One
                ### §1.2 One and a half
                ## 3 Three, numbered without the sign
                ```
                ## §9 inside a fence: not a section
                ```
                """);
        write("docs/decisions.md", """
                # Decisions
                ### S1 First
                ### S2 Second
                ### C3 Third
                """);
    }

    private void write(String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private List<String> problems() {
        return CitationCheck.run(root).problems().stream().map(Problem::toString).toList();
    }

    @Test
    void canonicalCitationsResolve() throws IOException {
        write("src/A.java", """
                /**
                 * Rules of docs/guide.md §1.2 and §3 (docs/decisions.md S1/S2, C3); see docs/guide.md.
                 * Ranges: docs/guide.md §1–§1.2, docs/decisions.md S1–S2.
                 */
                class A {
                    // docs/guide.md §1: a line comment
                }
                """);
        write("native/k.h", "/* docs/guide.md sections 1-3, ASCII only */\n");
        CitationCheck.Report r = CitationCheck.run(root);
        assertThat(r.problems()).isEmpty();
        assertThat(r.citations()).isEqualTo(13);
    }

    @Test
    void missingSectionsDecisionsAndDocumentsAreReportedWithTheirLine() throws IOException {
        write("src/B.java", """
                class B {
                    /** docs/guide.md §2 */
                    int a;
                    /** docs/guide.md §1–§9, fenced headings do not count */
                    int b;
                    // docs/decisions.md S7
                    // docs/nowhere.md §1
                }
                """);
        assertThat(problems()).containsExactly(
                "src/B.java:2: docs/guide.md has no section §2 (no heading starts with it)",
                "src/B.java:4: docs/guide.md has no section §9 (no heading starts with it)",
                "src/B.java:6: docs/decisions.md has no decision S7 (no heading starts with it)",
                "src/B.java:7: cites docs/nowhere.md, which does not exist");
    }

    @Test
    void citationsOfDocumentsOutsideDocsAreRejected() throws IOException {
        write("src/C.java", """
                /** guide.md §1 (DECISIONS S1) */
                class C {
                    // see ../shared/spec/guide.md
                    // notes/probe.md §1 and perf-calibration §6
                    // the exit codes of models.md
                }
                """);
        assertThat(problems()).hasSize(6)
                .anyMatch(p -> p.startsWith("src/C.java:1: cites guide.md §1, a document outside docs/"))
                .anyMatch(p -> p.startsWith("src/C.java:1: cites \"DECISIONS\""))
                .anyMatch(p -> p.startsWith("src/C.java:3: cites \"../shared\""))
                .anyMatch(p -> p.startsWith("src/C.java:4: cites notes/probe.md §1"))
                .anyMatch(p -> p.startsWith("src/C.java:4: \"§6\" names no document"))
                .anyMatch(p -> p.startsWith("src/C.java:5: names the design document models.md without its folder"));
    }

    @Test
    void aBareSectionBelongsToTheDocumentNamedBeforeItInTheSameComment() throws IOException {
        write("src/D.java", """
                /** docs/guide.md §1 with docs/decisions.md S2; the holdout skip of §1.2 (S1) */
                class D {
                    /** §1.2: a comment of its own must name its document */
                    void m() {
                    }
                }
                """);
        assertThat(problems()).containsExactly(
                "src/D.java:3: \"§1.2\" names no document: write docs/<file>.md §1.2 (docs/README.md §2)");
    }

    @Test
    void sectionsOfIssuesAreNotDesignCitations() throws IOException {
        write("src/F.java", """
                /** Requested in issue #12 §2, §4 (and issue §4.1); docs/guide.md §1 is the design. */
                class F {
                }
                """);
        assertThat(problems()).isEmpty();
    }

    @Test
    void codeAndStringLiteralsAreNotComments() throws IOException {
        write("src/E.java", """
                class E {
                    String s = "docs/guide.md §9 // not a comment";
                    String t = \"""
                        DECISIONS S9 /* still a text block */
                        \""";
                    char c = '"'; // docs/guide.md §1
                    int cTwo = 2; // the JIT's C2 compiles this; not a decision id without docs/decisions.md
                }
                """);
        assertThat(problems()).isEmpty();
    }

    @Test
    void designDocumentsCiteEachOtherByNameAndTheirOwnSectionsBare() throws IOException {
        write("docs/other.md", """
                # Other
                ## §1 Intro
                See guide.md §1.2 and §3, and decisions.md S2.

                Here, §1 is this file's own.

                A link to [the guide](guide.md#1-one) and to [nothing](missing.md).

                ```
                guide.md §42 in a code block is an example, not a citation
                ```
                - a list item citing §2 of this file, which has none
                """);
        assertThat(problems()).containsExactly(
                "docs/other.md:7: links to missing.md (docs/missing.md), which does not exist",
                "docs/other.md:12: docs/other.md has no section §2 (no heading starts with it)");
    }

    @Test
    void shellXmlAndMarkdownOutsideDocsAreScanned() throws IOException {
        write("run.sh", "#!/bin/sh\n# see DECISIONS C3\necho '# docs/guide.md §9 is not a comment'\n");
        write("pom.xml", "<project><!-- versions: ../shared/notes/probe.md --></project>\n");
        write("mod/README.md", "# mod\n\nFollows `coordinator.md §1.1` of the reference.\n");
        assertThat(problems()).hasSize(3)
                .anyMatch(p -> p.startsWith("run.sh:2: cites \"DECISIONS\""))
                .anyMatch(p -> p.startsWith("pom.xml:1: cites \"../shared\""))
                .anyMatch(p -> p.startsWith("mod/README.md:3: cites coordinator.md §1.1, a document outside docs/"));
    }

    @Test
    void buildOutputIsNotScanned() throws IOException {
        write("mod/target/generated/X.java", "// DECISIONS S1\n");
        write(".git/COMMIT_EDITMSG.md", "DECISIONS\n");
        assertThat(problems()).isEmpty();
    }
}
