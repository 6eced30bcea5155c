package dev.survivor.models.catboost;

import com.google.flatbuffers.FlatBufferBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Serialises an {@link ObliviousEnsemble} as CatBoost's binary model (.cbm): the bytes "CBM1", a
 * little-endian uint32 flatbuffer size, then a {@code TModelCore} flatbuffer following CatBoost's
 * {@code model.fbs}/{@code features.fbs} (field ids in the comments). With only float features there
 * are no model parts after the core. Only borders the trees use are stored; a split is the global
 * index of its (feature, border) pair counted over features in order and borders ascending.
 */
final class CbmWriter {
    /** Upstream's own spelling; the loader rejects anything else. */
    static final String FORMAT_VERSION = "FlabuffersModel_v1";

    private CbmWriter() {
    }

    static byte[] write(ObliviousEnsemble model, Map<String, String> info) {
        int d = model.featureCount();
        List<TreeSet<Float>> used = new ArrayList<>();
        for (int f = 0; f < d; f++) {
            used.add(new TreeSet<>());
        }
        for (ObliviousEnsemble.Tree t : model.trees()) {
            for (int l = 0; l < t.features().length; l++) {
                used.get(t.features()[l]).add(t.borders()[l]);
            }
        }
        int[] firstIndex = new int[d];
        List<float[]> borders = new ArrayList<>();
        int next = 0;
        for (int f = 0; f < d; f++) {
            firstIndex[f] = next;
            float[] b = new float[used.get(f).size()];
            int i = 0;
            for (float x : used.get(f)) {
                b[i++] = x;
            }
            borders.add(b);
            next += b.length;
        }
        List<Integer> splits = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        List<Double> leaves = new ArrayList<>();
        int offset = 0;
        for (ObliviousEnsemble.Tree t : model.trees()) {
            offsets.add(offset);
            sizes.add(t.features().length);
            for (int l = 0; l < t.features().length; l++) {
                int f = t.features()[l];
                int pos = java.util.Arrays.binarySearch(borders.get(f), t.borders()[l]);
                splits.add(firstIndex[f] + pos);
            }
            offset += t.features().length;
            for (double v : t.leaves()) {
                leaves.add(v);
            }
        }

        FlatBufferBuilder b = new FlatBufferBuilder(1024 + leaves.size() * 8 + splits.size() * 8);
        b.forceDefaults(true);
        int[] featureTables = new int[d];
        for (int f = 0; f < d; f++) {
            float[] fb = borders.get(f);
            b.startVector(4, fb.length, 4);
            for (int i = fb.length - 1; i >= 0; i--) {
                b.addFloat(fb[i]);
            }
            int bordersVec = b.endVector();
            int id = b.createString("");
            b.startTable(6);
            b.addBoolean(0, false, false);  // HasNans: NaN goes left ("AsIs"), as in training
            b.addInt(1, f, -1);             // Index
            b.addInt(2, f, -1);             // FlatIndex
            b.addOffset(3, bordersVec, 0);  // Borders
            b.addOffset(4, id, 0);          // FeatureId
            b.addByte(5, (byte) 0, 0);      // NanValueTreatment AsIs
            featureTables[f] = b.endTable();
        }
        int floatFeatures = b.createVectorOfTables(featureTables);
        int splitsVec = intVector(b, splits);
        int sizesVec = intVector(b, sizes);
        int offsetsVec = intVector(b, offsets);
        int leavesVec = doubleVector(b, leaves);
        int multiBias = doubleVector(b, List.of(model.bias()));
        b.startTable(17);
        b.addInt(0, 1, 0);                  // ApproxDimension
        b.addOffset(1, splitsVec, 0);       // TreeSplits
        b.addOffset(2, sizesVec, 0);        // TreeSizes
        b.addOffset(3, offsetsVec, 0);      // TreeStartOffsets
        b.addOffset(5, floatFeatures, 0);   // FloatFeatures
        b.addOffset(8, leavesVec, 0);       // LeafValues
        b.addDouble(14, 1.0, 1.0);          // Scale
        b.addDouble(15, model.bias(), 0.0); // Bias
        b.addOffset(16, multiBias, 0);      // MultiBias
        int trees = b.endTable();

        // InfoMap is a keyed vector: CatBoost binary-searches it, so keys go in sorted order
        TreeMap<String, String> sorted = new TreeMap<>(info);
        int[] kv = new int[sorted.size()];
        int k = 0;
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            int key = b.createString(e.getKey());
            int val = b.createString(e.getValue());
            b.startTable(2);
            b.addOffset(0, key, 0);
            b.addOffset(1, val, 0);
            kv[k++] = b.endTable();
        }
        int infoMap = b.createVectorOfTables(kv);
        int format = b.createString(FORMAT_VERSION);
        b.startTable(4);
        b.addOffset(0, format, 0);          // FormatVersion
        b.addOffset(1, trees, 0);           // ModelTrees
        b.addOffset(2, infoMap, 0);         // InfoMap
        int core = b.endTable();
        b.finish(core);
        byte[] fbBytes = b.sizedByteArray();

        ByteBuffer out = ByteBuffer.allocate(8 + fbBytes.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {'C', 'B', 'M', '1'});
        out.putInt(fbBytes.length);
        out.put(fbBytes);
        return out.array();
    }

    private static int intVector(FlatBufferBuilder b, List<Integer> v) {
        b.startVector(4, v.size(), 4);
        for (int i = v.size() - 1; i >= 0; i--) {
            b.addInt(v.get(i));
        }
        return b.endVector();
    }

    private static int doubleVector(FlatBufferBuilder b, List<Double> v) {
        b.startVector(8, v.size(), 8);
        for (int i = v.size() - 1; i >= 0; i--) {
            b.addDouble(v.get(i));
        }
        return b.endVector();
    }
}
