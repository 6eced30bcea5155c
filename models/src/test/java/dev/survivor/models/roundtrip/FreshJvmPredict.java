package dev.survivor.models.roundtrip;

import dev.survivor.models.api.ModelFamilies;
import dev.survivor.models.api.ModelType;
import dev.survivor.models.api.Regressor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a separate JVM by {@link RoundTripTest}: loads each checkpoint given as
 * {@code type=path} and writes its predictions for the input matrix next to it as {@code <path>.pred}.
 * Args: input.bin rows cols type=checkpoint...
 */
public final class FreshJvmPredict {
    private FreshJvmPredict() {
    }

    public static void main(String[] args) throws Exception {
        float[] x = read(Path.of(args[0]));
        int rows = Integer.parseInt(args[1]);
        int cols = Integer.parseInt(args[2]);
        for (int i = 3; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            Path cp = Path.of(kv[1]);
            try (Regressor r = ModelFamilies.of(ModelType.parse(kv[0])).load(cp, cols, 1)) {
                write(cp.resolveSibling(cp.getFileName() + ".pred"), r.predict(x, rows));
            }
        }
    }

    static float[] read(Path p) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[b.remaining() / 4];
        b.asFloatBuffer().get(f);
        return f;
    }

    static void write(Path p, float[] f) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(f.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(f);
        Files.write(p, b.array());
    }
}
