package dev.survivor.pipeline.runrecord;

import dev.survivor.common.Sha256;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** One recorded input compared with the file as it is now. */
public record InputCheck(RecordedRun.Input input, String currentSha256) {

    public enum Status { UNCHANGED, CHANGED, MISSING }

    public static List<InputCheck> verify(List<RecordedRun.Input> inputs) {
        return inputs.stream().map(i -> new InputCheck(i, Sha256.ofOrNull(i.absolutePath()))).toList();
    }

    public Status status() {
        if (currentSha256 == null) {
            return input.sha256() == null ? Status.UNCHANGED : Status.MISSING;
        }
        return currentSha256.equals(input.sha256()) ? Status.UNCHANGED : Status.CHANGED;
    }

    public boolean ok() {
        return status() == Status.UNCHANGED;
    }

    /** "--seeds-file /abs/path: recorded sha256 X, now Y" for the refusal message. */
    public String describe() {
        return input.option() + " " + input.absolutePath() + ": recorded sha256 " + orNone(input.sha256())
                + ", now " + (currentSha256 == null ? "missing" : currentSha256);
    }

    static void printTable(List<InputCheck> checks, PrintWriter out) {
        if (checks.isEmpty()) {
            out.println("Inputs: none recorded");
            return;
        }
        out.println("Inputs:");
        int w = checks.stream().mapToInt(c -> c.input.option().length()).max().orElse(6);
        out.printf(Locale.ROOT, "  %-9s %-" + w + "s %-16s %-16s %s%n", "STATUS", "OPTION", "RECORDED", "CURRENT",
                "PATH");
        for (InputCheck c : checks) {
            out.printf(Locale.ROOT, "  %-9s %-" + w + "s %-16s %-16s %s%n", c.status().name().toLowerCase(Locale.ROOT),
                    c.input.option(), shortHash(c.input.sha256()), shortHash(c.currentSha256), c.input.absolutePath());
        }
    }

    private static String shortHash(String h) {
        return h == null ? "-" : h.substring(0, 16);
    }

    private static String orNone(String h) {
        return h == null ? "none (missing)" : h;
    }
}
