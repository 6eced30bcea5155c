package dev.survivor.models.data;

import java.util.Arrays;

/** Append-only primitive buffers, so reading a large file never boxes a value. */
final class GrowableArrays {
    private GrowableArrays() {
    }

    static final class Floats {
        private float[] a = new float[1 << 12];
        private int n;

        void add(float v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, grow(a.length));
            }
            a[n++] = v;
        }

        void addAll(float[] v) {
            while (n + v.length > a.length) {
                a = Arrays.copyOf(a, grow(a.length));
            }
            System.arraycopy(v, 0, a, n, v.length);
            n += v.length;
        }

        float[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    static final class Longs {
        private long[] a = new long[1 << 10];
        private int n;

        void add(long v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, grow(a.length));
            }
            a[n++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    static final class Booleans {
        private boolean[] a = new boolean[1 << 10];
        private int n;

        void add(boolean v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, grow(a.length));
            }
            a[n++] = v;
        }

        boolean[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    /** 1.5x growth keeps the copy peak at 2.5x the data instead of 3x. */
    private static int grow(int len) {
        long next = len + (len >> 1) + 16;
        if (next > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("more than 2^31 values: the survivors file is too large for one matrix");
        }
        return (int) next;
    }
}
