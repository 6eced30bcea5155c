package dev.survivor.models.nn;

/**
 * Weights of one trained layer, copied out of DJL: Linear weight (out × in, row-major as DJL and
 * PyTorch store it), bias, and — for hidden layers — BatchNorm gamma/beta/running mean/variance.
 */
record DenseLayer(int in, int out, float[] weight, float[] bias, float[] gamma, float[] beta, float[] runningMean,
        float[] runningVar) {
    boolean hasBatchNorm() {
        return gamma != null;
    }
}
