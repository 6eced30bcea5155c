package dev.survivor.docscheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks every design citation of a repository (docs/README.md §3): comments of source files and the
 * prose of Markdown files must cite only documents in {@code docs/}, by existing section numbers and
 * decision ids. Run from the repository root: {@code java docs-check/src/main/java/dev/survivor/docscheck/CitationCheck.java .}
 */
public final class CitationCheck {
    /** Folders never scanned: build output, VCS data, dependencies. Other folders starting with '.' are skipped too, except these. */
    private static final Set<String> SKIPPED = Set.of("target", "node_modules", "demo-output");
    private static final Set<String> DOT_FOLDERS_SCANNED = Set.of(".ci", ".github");
    private static final long MAX_BYTES = 4 << 20;

    /** What a check found. */
    public record Report(List<Problem> problems, int citations, int files) {
        public boolean ok() {
            return problems.isEmpty();
        }

        /** One line per problem, then a summary line. */
        public String describe() {
            StringBuilder b = new StringBuilder();
            for (Problem p : problems) {
                b.append(p).append('\n');
            }
            b.append(problems.isEmpty() ? "design citations: " + citations + " resolve in " + files + " files scanned"
                    : problems.size() + " design citation problem(s); see docs/README.md §2 for the citation form");
            return b.toString();
        }
    }

    private CitationCheck() {
    }

    /** Checks every file under {@code root} (the repository root, which holds {@code docs/}). */
    public static Report run(Path root) {
        DesignDocs docs = DesignDocs.load(root);
        Citations citations = new Citations(root, docs);
        List<Problem> problems = new ArrayList<>();
        List<Path> files = files(root);
        for (Path abs : files) {
            Path rel = root.relativize(abs);
            String text = read(abs);
            boolean markdown = SourceUnits.syntaxOf(abs, text) == SourceUnits.Syntax.MARKDOWN;
            for (Unit u : SourceUnits.of(abs, text)) {
                problems.addAll(citations.check(rel, u, markdown));
            }
        }
        return new Report(List.copyOf(problems), citations.resolved(), files.size());
    }

    /** The files to scan, in a stable order. */
    static List<Path> files(Path root) {
        List<Path> out = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    boolean hidden = name.startsWith(".") && !dir.equals(root) && !DOT_FOLDERS_SCANNED.contains(name);
                    return SKIPPED.contains(name) || hidden ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && attrs.size() <= MAX_BYTES) {
                        out.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        out.sort(null);
        return out;
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Rewrites the mechanical old forms in every scanned file ({@link CitationFixer}); returns the files
     * changed, relative to the root.
     */
    public static List<Path> fix(Path root) {
        List<Path> changed = new ArrayList<>();
        for (Path abs : files(root)) {
            Path rel = root.relativize(abs);
            try {
                String text = new String(Files.readAllBytes(abs), StandardCharsets.UTF_8);
                String fixed = CitationFixer.fix(rel, text);
                if (!fixed.equals(text)) {
                    Files.writeString(abs, fixed, StandardCharsets.UTF_8);
                    changed.add(rel);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot rewrite " + abs, e);
            }
        }
        return changed;
    }

    /**
     * {@code [--fix] [ROOT]}: with {@code --fix}, first rewrites the mechanical old forms in place; then prints
     * every problem and a summary. Exit status 1 when a problem remains, 2 when the root has no docs/.
     */
    public static void main(String[] args) {
        boolean fix = List.of(args).contains("--fix");
        String dir = List.of(args).stream().filter(a -> !a.equals("--fix")).findFirst().orElse(".");
        Path root = Path.of(dir).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve(DesignDocs.FOLDER))) {
            System.err.println(root + " has no " + DesignDocs.FOLDER + "/ folder: give the repository root");
            System.exit(2);
        }
        if (fix) {
            for (Path p : fix(root)) {
                System.out.println("rewrote citations in " + p);
            }
        }
        Report r = run(root);
        System.out.println(r.describe());
        System.exit(r.ok() ? 0 : 1);
    }
}
