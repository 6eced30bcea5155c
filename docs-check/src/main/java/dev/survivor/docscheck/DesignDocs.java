package dev.survivor.docscheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The documents of {@code docs/} and the section numbers and decision ids their headings carry
 * ({@code docs/README.md §1}): a heading's first token is a section number, with or without the
 * section sign, or a decision id. Headings inside fenced code blocks do not count.
 */
public final class DesignDocs {
    /** The folder, relative to the repository root. */
    public static final String FOLDER = "docs";

    private static final Pattern SECTION = Pattern.compile("#{1,6}\\s+§?\\s*(\\d+(?:\\.\\d+)*)\\.?(?=\\s|$).*");
    private static final Pattern ID = Pattern.compile("#{1,6}\\s+([SMC]\\d{1,2})\\b.*");

    private final Path dir;
    private final Map<String, Set<String>> anchors = new HashMap<>();

    private DesignDocs(Path dir) {
        this.dir = dir;
    }

    /** Reads every {@code *.md} directly inside {@code root/docs}. */
    public static DesignDocs load(Path root) {
        DesignDocs d = new DesignDocs(root.resolve(FOLDER));
        if (Files.isDirectory(d.dir)) {
            try (Stream<Path> s = Files.list(d.dir)) {
                for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".md")).toList()) {
                    d.anchors.put(p.getFileName().toString(), anchorsOf(Files.readString(p, StandardCharsets.UTF_8)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + d.dir, e);
            }
        }
        return d;
    }

    /** Section numbers (without {@code §}) and decision ids of one document's headings. */
    static Set<String> anchorsOf(String markdown) {
        Set<String> out = new LinkedHashSet<>();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            String t = line.strip();
            if (t.startsWith("```") || t.startsWith("~~~")) {
                fenced = !fenced;
                continue;
            }
            if (fenced || !t.startsWith("#")) {
                continue;
            }
            Matcher m = SECTION.matcher(t);
            if (m.matches()) {
                out.add(m.group(1));
            }
            m = ID.matcher(t);
            if (m.matches()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** Whether {@code docs/<name>} exists. */
    public boolean has(String name) {
        return anchors.containsKey(name);
    }

    /** Whether document {@code name} has a heading numbered {@code anchor} (a section number or decision id). */
    public boolean has(String name, String anchor) {
        Set<String> a = anchors.get(name);
        return a != null && a.contains(anchor);
    }

    public Path dir() {
        return dir;
    }
}
