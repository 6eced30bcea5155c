package dev.survivor.pipeline;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

/** Runs the real {@link Main} command line with captured streams. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Non-empty stdout lines. */
    public List<String> outLines() {
        return Arrays.stream(out.split("\\R")).filter(l -> !l.isBlank()).toList();
    }

    /** Non-empty stderr lines. */
    public List<String> errLines() {
        return Arrays.stream(err.split("\\R")).filter(l -> !l.isBlank()).toList();
    }

    public String lastOutLine() {
        List<String> l = outLines();
        return l.isEmpty() ? "" : l.getLast();
    }
}
