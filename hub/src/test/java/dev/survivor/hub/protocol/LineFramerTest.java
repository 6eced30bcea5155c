package dev.survivor.hub.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineFramerTest {

    private static List<String> lines(List<LineFramer.Frame> frames) {
        List<String> out = new ArrayList<>();
        for (LineFramer.Frame f : frames) {
            out.add(switch (f) {
                case LineFramer.Frame.Line l -> new String(l.bytes(), StandardCharsets.UTF_8);
                case LineFramer.Frame.TooLong t -> "<too long " + t.length() + ">";
            });
        }
        return out;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void splitsOnLfAndCrlf() {
        LineFramer f = new LineFramer(100);
        assertThat(lines(f.feed(b("one\ntwo\r\nthree\n")))).containsExactly("one", "two", "three");
        assertThat(f.buffered()).isZero();
    }

    @Test
    void trailingPartialLineIsHeldUntilItsTerminator() {
        LineFramer f = new LineFramer(100);
        assertThat(lines(f.feed(b("abc\nde")))).containsExactly("abc");
        assertThat(f.buffered()).isEqualTo(2);
        assertThat(lines(f.feed(b("f")))).isEmpty();
        assertThat(lines(f.feed(b("g\r")))).isEmpty();
        assertThat(lines(f.feed(b("\n")))).containsExactly("defg");
    }

    @Test
    void overlongLineIsReportedOnceAndFramingResumes() {
        LineFramer f = new LineFramer(8);
        assertThat(lines(f.feed(b("ok\n0123456789abcdef\nnext\n"))))
                .containsExactly("ok", "<too long 16>", "next");
    }

    @Test
    void overlongLineSpreadOverManyChunksIsDiscardedWithoutBuffering() {
        LineFramer f = new LineFramer(8);
        List<LineFramer.Frame> all = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            all.addAll(f.feed(b("xxxxxxxxxx")));
            assertThat(f.buffered()).isLessThanOrEqualTo(9);
        }
        all.addAll(f.feed(b("\nafter\n")));
        assertThat(lines(all)).containsExactly("<too long 10000>", "after");
    }

    @Test
    void lineOfExactlyTheLimitPassesWithOrWithoutCr() {
        LineFramer f = new LineFramer(4);
        assertThat(lines(f.feed(b("abcd\nabcd\r\nabcde\n")))).containsExactly("abcd", "abcd", "<too long 5>");
    }

    @Test
    void emptyLinesAreEmitted() {
        assertThat(lines(new LineFramer(4).feed(b("\n\r\n")))).containsExactly("", "");
    }

    @Test
    void byteAtATimeFeedingGivesTheSameLinesAsOneChunk() {
        Random rnd = new Random(42);
        byte[] data = new byte[5000];
        for (int i = 0; i < data.length; i++) {
            data[i] = rnd.nextInt(10) == 0 ? (byte) '\n' : (byte) ('a' + rnd.nextInt(26));
        }
        List<String> whole = lines(new LineFramer(12).feed(data));
        LineFramer f = new LineFramer(12);
        List<LineFramer.Frame> frames = new ArrayList<>();
        for (int i = 0; i < data.length; i++) {
            frames.addAll(f.feed(data, i, 1));
        }
        assertThat(lines(frames)).isEqualTo(whole);
    }

    @Test
    void rejectsNonPositiveLimit() {
        assertThatThrownBy(() -> new LineFramer(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxLineBytes");
    }
}
