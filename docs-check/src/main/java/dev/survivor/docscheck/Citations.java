package dev.survivor.docscheck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the citations of one {@link Unit} and reports those that do not resolve (the rules of
 * {@code docs/README.md §2}). A citation is a document path, optionally followed by a list of section
 * numbers (one, a range, a list; ASCII sources write the word "sections" instead of the sign) or, for
 * the decisions document, decision ids. A bare section number belongs to the document named last
 * before it in the same unit; inside {@code docs/}, failing that, to the document itself.
 */
final class Citations {
    static final String DECISIONS = "decisions.md";
    /** The design documents' names: naming one without {@code docs/} in front is a stale citation. */
    static final Set<String> DESIGN_NAMES = Set.of("architecture.md", "prng.md", "step3-features.md",
            "coordinator.md", "models.md", DECISIONS);

    private static final String NUM = "(\\d+(?:\\.\\d+)*)";
    private static final String ID = "([SMC]\\d{1,2})(?!\\w)";
    private static final String SEP = "[`\\s]*(?:–|—|-|/|,|\\+|&|and|or)[`\\s]*";
    private static final Pattern DOC = Pattern.compile(
            "(?<![\\w./-])((?:\\.{1,2}/)*(?:[\\w.-]+/)*[\\w-][\\w.-]*\\.md)(?![\\w/-])");
    private static final Pattern FIRST_SECTION = Pattern.compile("[`'\"*\\s]*(?:§\\s*|sections?\\s+)" + NUM);
    private static final Pattern NEXT_SECTION = Pattern.compile(SEP + "(?:§\\s*)?" + NUM);
    private static final Pattern FIRST_ID = Pattern.compile("[`'\"*\\s]*" + ID);
    private static final Pattern NEXT_ID = Pattern.compile(SEP + ID);
    private static final Pattern BARE_SECTION = Pattern.compile("§\\s*" + NUM);
    private static final Pattern BARE_ID = Pattern.compile("(?<![\\w-])" + ID);
    private static final Pattern LEGACY = Pattern.compile(
            "\\bDECISIONS\\b|\\.\\./shared\\b|\\bshared/(?:spec|notes|conformance)\\b|(?<![\\w/-])spec/[\\w-]+\\.md");
    /** {@code issue #12 §4}: a section of an issue, not of a design document; not checked. */
    private static final Pattern ISSUE = Pattern.compile("\\bissues?\\s*(?:#\\d+\\s*)?§\\s*\\d+(?:\\.\\d+)*(?:" + SEP + "§?\\s*\\d+(?:\\.\\d+)*)*");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s#]+\\.md)(?:#[^)]*)?\\)");
    private static final Pattern CANONICAL = Pattern.compile("(?:\\.{1,2}/)*" + DesignDocs.FOLDER + "/([\\w-][\\w.-]*\\.md)");

    /** A document named at {@code start..end}, resolved to a name in docs/ (or null), with its anchors. */
    private record Named(int start, int end, String docName) {
    }

    private final Path root;
    private final DesignDocs docs;
    private int resolved;

    Citations(Path root, DesignDocs docs) {
        this.root = root;
        this.docs = docs;
    }

    /** Citations checked so far that resolved. */
    int resolved() {
        return resolved;
    }

    /**
     * @param file a file relative to the root
     * @param unit one unit of it
     * @param markdown whether the unit is Markdown prose (then links are checked too)
     */
    List<Problem> check(Path file, Unit unit, boolean markdown) {
        String self = selfName(file);
        String text = unit.text();
        if (self != null && text.startsWith("#")) {
            return List.of(); // a heading of a design document defines its number, it cites nothing
        }
        List<Problem> out = new ArrayList<>();
        boolean[] used = new boolean[text.length() + 1];
        Matcher legacy = LEGACY.matcher(text);
        while (legacy.find()) {
            out.add(problem(file, unit, legacy.start(), "cites \"" + legacy.group()
                    + "\", outside the repository: cite docs/<file>.md §N or docs/decisions.md <id> (docs/README.md §2)"));
            mark(used, legacy.start(), legacy.end());
        }
        Matcher issue = ISSUE.matcher(text);
        while (issue.find()) {
            mark(used, issue.start(), issue.end());
        }
        List<Named> named = new ArrayList<>();
        Matcher doc = DOC.matcher(text);
        while (doc.find()) {
            if (used[doc.start()]) {
                continue;
            }
            named.add(document(file, unit, text, doc, self, used, out));
        }
        Matcher bare = BARE_SECTION.matcher(text);
        while (bare.find()) {
            if (used[bare.start()]) {
                continue;
            }
            String target = lastBefore(named, bare.start(), false, self);
            int end = list(text, bare.start(), bare.end(), bare.group(1), NEXT_SECTION, target, file, unit, out, used);
            if (target == null) {
                out.add(problem(file, unit, bare.start(), "\"" + text.substring(bare.start(), end).strip()
                        + "\" names no document: write docs/<file>.md " + bare.group().replace(" ", "")
                        + " (docs/README.md §2)"));
            }
        }
        Matcher id = BARE_ID.matcher(text);
        while (id.find()) {
            if (!used[id.start()] && lastBefore(named, id.start(), true, self) != null) {
                anchor(DECISIONS, id.group(1), file, unit, id.start(), out);
            }
        }
        if (markdown) {
            links(file, unit, out);
        }
        return out;
    }

    /** One named document: resolve it and the section or id list that follows it. */
    private Named document(Path file, Unit unit, String text, Matcher doc, String self, boolean[] used,
            List<Problem> out) {
        String path = doc.group(1);
        String name = path.substring(path.lastIndexOf('/') + 1);
        Matcher canonical = CANONICAL.matcher(path);
        boolean decisions = DECISIONS.equals(name);
        Matcher first = (decisions ? FIRST_ID : FIRST_SECTION).matcher(text).region(doc.end(), text.length());
        boolean hasList = first.lookingAt();
        String target = canonical.matches() ? canonical.group(1) : null;
        if (target == null && self != null && !path.contains("/")
                && (hasList || docs.has(name) || DESIGN_NAMES.contains(name))) {
            target = name; // documents inside docs/ cite each other by name
        }
        if (target == null) {
            if (hasList) {
                int end = list(text, first.start(), first.end(), first.group(1), NEXT_SECTION, null, file, unit, out, used);
                out.add(problem(file, unit, doc.start(), "cites " + path + text.substring(doc.end(), end)
                        + ", a document outside docs/: only docs/<file>.md may be cited (docs/README.md §2)"));
            } else if (DESIGN_NAMES.contains(name) || (docs.has(name) && !name.equals("README.md"))) {
                out.add(problem(file, unit, doc.start(), "names the design document " + path
                        + " without its folder: cite it as docs/" + name));
            }
            return new Named(doc.start(), doc.end(), null);
        }
        if (!docs.has(target)) {
            out.add(problem(file, unit, doc.start(), "cites docs/" + target + ", which does not exist"));
            if (hasList) {
                list(text, first.start(), first.end(), first.group(1), decisions ? NEXT_ID : NEXT_SECTION, null, file,
                        unit, out, used);
            }
            return new Named(doc.start(), doc.end(), null);
        }
        int end = doc.end();
        if (hasList) {
            end = list(text, first.start(), first.end(), first.group(1), decisions ? NEXT_ID : NEXT_SECTION, target,
                    file, unit, out, used);
        } else {
            resolved++;
        }
        mark(used, doc.start(), end);
        return new Named(doc.start(), end, target);
    }

    /** Checks a list that starts with {@code first} (already matched up to {@code from}); returns its end. */
    private int list(String text, int start, int from, String first, Pattern next, String target, Path file, Unit unit,
            List<Problem> out, boolean[] used) {
        if (target != null) {
            anchor(target, first, file, unit, start, out);
        }
        int end = from;
        Matcher m = next.matcher(text);
        while (m.region(end, text.length()).lookingAt()) {
            if (target != null) {
                anchor(target, m.group(1), file, unit, m.start(1), out);
            }
            end = m.end();
        }
        mark(used, start, end);
        return end;
    }

    private void anchor(String doc, String anchor, Path file, Unit unit, int at, List<Problem> out) {
        if (!docs.has(doc)) {
            out.add(problem(file, unit, at, "cites docs/" + doc + ", which does not exist"));
        } else if (docs.has(doc, anchor)) {
            resolved++;
        } else {
            boolean id = Character.isLetter(anchor.charAt(0));
            out.add(problem(file, unit, at, "docs/" + doc + " has no " + (id ? "decision " + anchor : "section §" + anchor)
                    + " (no heading starts with it)"));
        }
    }

    /** The document a bare reference belongs to: the last one named before {@code at}, else the file itself. */
    private static String lastBefore(List<Named> named, int at, boolean decisions, String self) {
        String found = null;
        for (Named n : named) {
            if (n.start() < at && n.docName() != null && DECISIONS.equals(n.docName()) == decisions) {
                found = n.docName();
            }
        }
        if (found != null) {
            return found;
        }
        if (self == null) {
            return null;
        }
        return decisions ? DECISIONS : self;
    }

    /** Markdown links to .md files must resolve when they point into docs/ or come from it. */
    private void links(Path file, Unit unit, List<Problem> out) {
        Matcher m = LINK.matcher(unit.text());
        Path dir = file.getParent() == null ? Path.of("") : file.getParent();
        while (m.find()) {
            String target = m.group(1);
            if (target.contains("://")) {
                continue;
            }
            Path rel = dir.resolve(target).normalize();
            boolean design = rel.startsWith(DesignDocs.FOLDER) || file.startsWith(DesignDocs.FOLDER);
            if (design && !Files.exists(root.resolve(rel))) {
                out.add(problem(file, unit, m.start(1), "links to " + target + " (" + rel + "), which does not exist"));
            }
        }
    }

    /** The document's own name when {@code file} is a document directly inside docs/, else null. */
    private static String selfName(Path file) {
        Path parent = file.getParent();
        return parent != null && parent.equals(Path.of(DesignDocs.FOLDER)) ? file.getFileName().toString() : null;
    }

    private static void mark(boolean[] used, int from, int to) {
        for (int i = from; i < to && i < used.length; i++) {
            used[i] = true;
        }
    }

    private static Problem problem(Path file, Unit unit, int offset, String message) {
        return new Problem(file, unit.lineAt(offset), message);
    }
}
