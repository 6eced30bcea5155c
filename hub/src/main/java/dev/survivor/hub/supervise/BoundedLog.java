package dev.survivor.hub.supervise;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.survivor.hub.protocol.MessageCodec;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The last {@code maxLines} lines of a supervised program's output (hub-started scripts and wrapped programs), each
 * cut to {@code maxChars}; thread-safe.
 */
public final class BoundedLog {
    private final int maxLines;
    private final int maxChars;
    private final Deque<String> lines = new ArrayDeque<>();
    private long version;

    public BoundedLog(int maxLines, int maxChars) {
        if (maxLines < 1 || maxChars < 1) {
            throw new IllegalArgumentException("log bounds must be positive");
        }
        this.maxLines = maxLines;
        this.maxChars = maxChars;
    }

    public synchronized void add(String line) {
        if (lines.size() == maxLines) {
            lines.removeFirst();
        }
        lines.addLast(line.length() > maxChars ? line.substring(0, maxChars) + "…" : line);
        version++;
    }

    /** Changes with every added line, so a publisher can skip unchanged logs. */
    public synchronized long version() {
        return version;
    }

    public synchronized ArrayNode toJson() {
        ArrayNode a = MessageCodec.JSON.createArrayNode();
        lines.forEach(a::add);
        return a;
    }
}
