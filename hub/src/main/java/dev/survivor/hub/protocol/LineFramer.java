package dev.survivor.hub.protocol;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a byte stream into lines with a hard length limit; no I/O, so it is tested on plain byte arrays.
 *
 * <p>LF and CRLF both end a line (the CR is dropped). A line longer than {@code maxLineBytes} is not kept:
 * its bytes are discarded up to the next LF and one {@link Frame.TooLong} is emitted in its place, after which
 * framing resumes normally. A trailing partial line stays buffered until its LF arrives.
 */
public final class LineFramer {

    /** One framing result. */
    public sealed interface Frame {
        /** A complete line without its terminator. */
        record Line(byte[] bytes) implements Frame { }

        /** A line that exceeded the limit; {@code length} is how many bytes it had (terminator excluded). */
        record TooLong(long length) implements Frame { }
    }

    private final int maxLineBytes;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean discarding;
    private long discarded;

    public LineFramer(int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be >= 1, got " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
    }

    public int maxLineBytes() {
        return maxLineBytes;
    }

    /** Bytes of the current unterminated line held so far (0 while discarding an oversized one). */
    public int buffered() {
        return pending.size();
    }

    /** Feeds {@code len} bytes and returns the frames they complete, in order. */
    public List<Frame> feed(byte[] data, int off, int len) {
        List<Frame> out = new ArrayList<>();
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (data[i] != '\n') {
                continue;
            }
            consume(data, start, i - start);
            out.add(finishLine());
            start = i + 1;
        }
        consume(data, start, end - start);
        return out;
    }

    public List<Frame> feed(byte[] data) {
        return feed(data, 0, data.length);
    }

    private void consume(byte[] data, int off, int len) {
        if (len == 0) {
            return;
        }
        if (discarding) {
            discarded += len;
            return;
        }
        // one byte of slack: a CR that turns out to precede the LF does not count against the limit
        if (pending.size() + len > maxLineBytes + 1) {
            discarding = true;
            discarded = pending.size() + (long) len;
            pending.reset();
            return;
        }
        pending.write(data, off, len);
    }

    private Frame finishLine() {
        if (discarding) {
            long length = discarded;
            discarding = false;
            discarded = 0;
            return new Frame.TooLong(length);
        }
        byte[] line = pending.toByteArray();
        pending.reset();
        int n = line.length;
        if (n > 0 && line[n - 1] == '\r') {
            n--;
        }
        if (n > maxLineBytes) {
            return new Frame.TooLong(n);
        }
        return new Frame.Line(n == line.length ? line : java.util.Arrays.copyOf(line, n));
    }
}
