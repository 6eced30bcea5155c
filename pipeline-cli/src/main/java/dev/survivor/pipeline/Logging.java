package dev.survivor.pipeline;

import java.io.PrintWriter;
import java.io.Writer;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.logging.LogManager;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * One log format for the whole application: SLF4J with slf4j-simple (levels and format in
 * {@code simplelogger.properties}), java.util.logging (the hub, ONNX Runtime) bridged into it, and long-running
 * commands' own progress lines stamped the same way ({@link #stamped}).
 */
public final class Logging {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private Logging() {
    }

    /** Routes java.util.logging through SLF4J (once per JVM). */
    public static void configure() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            LogManager.getLogManager().reset();
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
            java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
        }
    }

    /**
     * A writer onto {@code out} that starts every line with a timestamp, a level and {@code name}, as the
     * application's log lines do: {@code 2026-01-31 12:00:00.000 [WARN] step3 - ✗ job_3 → node1:GPU0 ...}.
     * Lines about a failure (starting with ✗, ! or naming an error) are WARN, the others INFO.
     */
    public static PrintWriter stamped(PrintWriter out, String name) {
        return new PrintWriter(new LineStamper(out, name), true);
    }

    static String level(String line) {
        String t = line.stripLeading();
        boolean warn = t.startsWith("✗") || t.startsWith("!") || t.startsWith("EXECUTION INCOMPLETE")
                || t.regionMatches(true, 0, "warning", 0, 7) || t.regionMatches(true, 0, "error", 0, 5);
        return warn ? "WARN" : "INFO";
    }

    private static final class LineStamper extends Writer {
        private final PrintWriter out;
        private final String name;
        private final StringBuilder line = new StringBuilder();

        LineStamper(PrintWriter out, String name) {
            this.out = out;
            this.name = name;
        }

        @Override
        public synchronized void write(char[] buf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                char c = buf[i];
                if (c == '\n') {
                    emit();
                } else if (c != '\r') {
                    line.append(c);
                }
            }
        }

        private void emit() {
            String text = line.toString();
            line.setLength(0);
            out.println(LocalDateTime.now().format(TIME) + " [" + level(text) + "] " + name + " - " + text);
        }

        @Override
        public synchronized void flush() {
            out.flush();
        }

        @Override
        public synchronized void close() {
            if (!line.isEmpty()) {
                emit();
            }
            out.flush();
        }
    }
}
