package dev.survivor.models.nn;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Writes the trained net as an ONNX graph (opset 13) that contains the whole prediction: input
 * standardisation (Sub, Div), per hidden layer Gemm(transB=1) → BatchNormalization (inference) →
 * LeakyRelu, the output Gemm, and the target de-standardisation (Mul, Add). Dropout is the
 * identity at inference and is not emitted. Input "input" [batch, d], output "output" [batch, 1].
 */
final class OnnxExport {
    static final String INPUT = "input";
    static final String OUTPUT = "output";

    private OnnxExport() {
    }

    static byte[] build(Standardizer s, List<DenseLayer> layers, String docString) {
        int d = s.mean().length;
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("survivor_quality_mlp");
        g.addInput(valueInfo(INPUT, d));
        g.addOutput(valueInfo(OUTPUT, 1));
        g.addInitializer(tensor("x_mean", s.mean(), d));
        g.addInitializer(tensor("x_scale", s.scale(), d));
        g.addNode(node("Sub", List.of(INPUT, "x_mean"), "x_centered"));
        g.addNode(node("Div", List.of("x_centered", "x_scale"), "x_std"));
        String prev = "x_std";
        for (int i = 0; i < layers.size(); i++) {
            DenseLayer l = layers.get(i);
            String p = "l" + i;
            g.addInitializer(tensor(p + "_w", l.weight(), l.out(), l.in()));
            g.addInitializer(tensor(p + "_b", l.bias(), l.out()));
            OnnxMl.NodeProto.Builder gemm = node("Gemm", List.of(prev, p + "_w", p + "_b"), p + "_gemm").toBuilder();
            gemm.addAttribute(OnnxMl.AttributeProto.newBuilder().setName("transB")
                    .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(1));
            g.addNode(gemm);
            prev = p + "_gemm";
            if (l.hasBatchNorm()) {
                g.addInitializer(tensor(p + "_gamma", l.gamma(), l.out()));
                g.addInitializer(tensor(p + "_beta", l.beta(), l.out()));
                g.addInitializer(tensor(p + "_mean", l.runningMean(), l.out()));
                g.addInitializer(tensor(p + "_var", l.runningVar(), l.out()));
                OnnxMl.NodeProto.Builder bn = node("BatchNormalization",
                        List.of(prev, p + "_gamma", p + "_beta", p + "_mean", p + "_var"), p + "_bn").toBuilder();
                bn.addAttribute(OnnxMl.AttributeProto.newBuilder().setName("epsilon")
                        .setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF(MlpSpec.BN_EPSILON));
                g.addNode(bn);
                OnnxMl.NodeProto.Builder act = node("LeakyRelu", List.of(p + "_bn"), p + "_act").toBuilder();
                act.addAttribute(OnnxMl.AttributeProto.newBuilder().setName("alpha")
                        .setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF(MlpSpec.LEAKY_SLOPE));
                g.addNode(act);
                prev = p + "_act";
            }
        }
        g.addInitializer(tensor("y_std", new float[] {s.yStd()}, 1));
        g.addInitializer(tensor("y_mean", new float[] {s.yMean()}, 1));
        g.addNode(node("Mul", List.of(prev, "y_std"), "y_scaled"));
        g.addNode(node("Add", List.of("y_scaled", "y_mean"), OUTPUT));
        OnnxMl.ModelProto m = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("survivor-models")
                .setDocString(docString)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(g)
                .build();
        return m.toByteArray();
    }

    private static OnnxMl.NodeProto node(String op, List<String> inputs, String output) {
        return OnnxMl.NodeProto.newBuilder().setOpType(op).setName(output).addAllInput(inputs).addOutput(output).build();
    }

    private static OnnxMl.TensorProto tensor(String name, float[] values, long... dims) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buf.putFloat(v);
        }
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                .setRawData(ByteString.copyFrom(buf.array()));
        for (long dim : dims) {
            t.addDims(dim);
        }
        return t.build();
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, int width) {
        OnnxMl.TensorShapeProto shape = OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(width))
                .build();
        OnnxMl.TypeProto type = OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(shape)).build();
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }
}
