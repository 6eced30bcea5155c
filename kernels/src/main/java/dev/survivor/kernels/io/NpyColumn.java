package dev.survivor.kernels.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One 1-D {@code .npy} array read element by element from a stream (format versions 1–3):
 * a small header parser plus little/big-endian decoding of the numeric dtypes numpy writes.
 */
final class NpyColumn implements AutoCloseable {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([biuf])(\\d+)'");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    final String name;
    final char kind;      // b, i, u, f
    final int itemSize;   // bytes
    final long length;
    private final InputStream in;
    private final ByteBuffer item;
    private long read;

    private NpyColumn(String name, char kind, int itemSize, long length, ByteOrder order, InputStream in) {
        this.name = name;
        this.kind = kind;
        this.itemSize = itemSize;
        this.length = length;
        this.in = in;
        this.item = ByteBuffer.allocate(8).order(order);
    }

    /** Parses the header of {@code raw}; {@code name} labels errors. */
    static NpyColumn open(String name, InputStream raw) throws IOException {
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        byte[] magic = in.readNBytes(6);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new IOException(name + ": not a .npy array (bad magic)");
        }
        int major = in.read();
        in.read(); // minor
        int headerLen;
        byte[] lenBytes = in.readNBytes(major == 1 ? 2 : 4);
        ByteBuffer lb = ByteBuffer.wrap(lenBytes).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            headerLen = Short.toUnsignedInt(lb.getShort());
        } else if (major == 2 || major == 3) {
            headerLen = lb.getInt();
        } else {
            throw new IOException(name + ": unsupported .npy format version " + major);
        }
        String header = new String(in.readNBytes(headerLen), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        if (!d.find()) {
            throw new IOException(name + ": unsupported dtype in header " + header.trim()
                    + " (expected a numeric dtype such as '<u4' or '<f4')");
        }
        Matcher s = SHAPE.matcher(header);
        if (!s.find()) {
            throw new IOException(name + ": .npy header has no shape: " + header.trim());
        }
        String[] dims = s.group(1).split(",");
        long length = 1;
        int ndim = 0;
        for (String dim : dims) {
            if (!dim.isBlank()) {
                length *= Long.parseLong(dim.trim());
                ndim++;
            }
        }
        if (ndim != 1) { // fortran_order is irrelevant for 1-D arrays
            throw new IOException(name + ": expected a 1-D array, shape is (" + s.group(1) + ")");
        }
        char kind = d.group(2).charAt(0);
        int size = Integer.parseInt(d.group(3));
        boolean ok = switch (kind) {
            case 'b' -> size == 1;
            case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
            case 'f' -> size == 4 || size == 8;
            default -> false;
        };
        if (!ok) {
            throw new IOException(name + ": unsupported dtype " + d.group(1) + kind + size);
        }
        ByteOrder order = d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        return new NpyColumn(name, kind, size, length, order, in);
    }

    boolean isFloat() {
        return kind == 'f';
    }

    private void fill() throws IOException {
        if (read >= length) {
            throw new EOFException(name + ": read past the declared length " + length);
        }
        item.clear();
        int n = in.readNBytes(item.array(), 0, itemSize);
        if (n != itemSize) {
            throw new EOFException(name + ": array ends after " + read + " of " + length + " elements (truncated file?)");
        }
        read++;
    }

    /** The next element as a signed long (uint64 values ≥ 2^63 come back negative, i.e. unsigned). */
    long nextLong() throws IOException {
        fill();
        return switch (kind) {
            case 'b' -> item.get(0) != 0 ? 1 : 0;
            case 'i' -> switch (itemSize) {
                case 1 -> item.get(0);
                case 2 -> item.getShort(0);
                case 4 -> item.getInt(0);
                default -> item.getLong(0);
            };
            case 'u' -> switch (itemSize) {
                case 1 -> Byte.toUnsignedLong(item.get(0));
                case 2 -> Short.toUnsignedLong(item.getShort(0));
                case 4 -> Integer.toUnsignedLong(item.getInt(0));
                default -> item.getLong(0);
            };
            default -> throw new IOException(name + ": expected an integer array, dtype is float" + itemSize * 8);
        };
    }

    /** The next element widened to double (float32 gives its exact double expansion). */
    double nextDouble() throws IOException {
        if (kind != 'f') {
            long v = nextLong();
            return kind == 'u' && itemSize == 8 && v < 0 ? Double.parseDouble(Long.toUnsignedString(v)) : v;
        }
        fill();
        return itemSize == 4 ? item.getFloat(0) : item.getDouble(0);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
