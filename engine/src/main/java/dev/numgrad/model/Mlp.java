package dev.numgrad.model;

import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.kernel.Kernels;
import dev.numgrad.loss.DeltaEvaluator;
import dev.numgrad.loss.Evaluator;
import dev.numgrad.loss.ExactGradient;
import dev.numgrad.loss.ParameterBlocks;
import dev.numgrad.workload.MlpWorkload;
import java.util.List;
import java.util.Objects;

/**
 * A multi-layer perceptron with a softmax cross-entropy output over a fixed mini-batch: any
 * number of dense hidden layers ({@link HiddenLayer}: width and tanh, ReLU or sigmoid), then a
 * dense layer to {@code classes} logits; the loss is the mean over the batch of
 * log Σ_c exp(logit_c) − logit_label.
 *
 * <p>Parameter layout, layer by layer from the input: W (out × in, row-major) then b (out). With
 * one hidden layer that is W1, b1, W2, b2, the order of the {@code mlp} workload in
 * {@code WORKLOADS.md}; {@link #weightOffset(int)} and {@link #biasOffset(int)} give the blocks.
 *
 * <p>Three evaluators share the data: {@link #newEvaluator()} (the loss through the kernels, one
 * batched matrix product per layer: {@link MlpForward}), {@link #newExactGradient()} (backprop) and
 * {@link #newDeltaEvaluator()} (f(x + s·eᵢ) − f(x) in O(batch · fan-out); see
 * {@link MlpDeltaEvaluator}). The loss is immutable; each evaluator owns its scratch.
 */
public final class Mlp implements BundledLoss {

    private final KernelSupport kernels;
    private final int batch;
    private final int classes;
    private final List<HiddenLayer> hiddenLayers;
    /** widths[0] = input width, widths[l + 1] = output width of layer l; layer L − 1 gives the logits. */
    private final int[] widths;
    private final Activation[] activations;
    /** weightOffset[l] = start of W of layer l; weightOffset[L] = dimension. */
    private final int[] weightOffsets;
    private final double[] inputRows;
    private final double[] inputColumns;
    private final int[] labels;

    /**
     * As {@link #Mlp(double[][], int[], int, List, KernelSupport)} on {@link Kernels#get()}.
     *
     * @param inputs b samples × d features. Not modified (copied).
     * @param labels class of each sample, in [0, classes). Not modified (copied).
     * @param classes number of classes k, at least 2
     * @param hiddenLayers from the input side; may be empty (softmax regression)
     */
    public Mlp(double[][] inputs, int[] labels, int classes, List<HiddenLayer> hiddenLayers) {
        this(inputs, labels, classes, hiddenLayers, Kernels.get());
    }

    /**
     * A network over a fixed mini-batch: the mean softmax cross-entropy of its outputs.
     *
     * @param inputs b samples × d features, all finite, every row the same length ≥ 1. Not
     *     modified (copied).
     * @param labels class of each sample, in [0, classes). Not modified (copied).
     * @param classes number of classes k, at least 2
     * @param hiddenLayers from the input side; may be empty (softmax regression)
     * @param kernels the arithmetic, e.g. {@link Kernels#scalar()} to force the reference path
     */
    public Mlp(double[][] inputs, int[] labels, int classes, List<HiddenLayer> hiddenLayers, KernelSupport kernels) {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(labels, "labels");
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        this.hiddenLayers = List.copyOf(Objects.requireNonNull(hiddenLayers, "hiddenLayers"));
        if (classes < 2) {
            throw new IllegalArgumentException("mlp classes must be at least 2, got " + classes);
        }
        if (inputs.length < 1) {
            throw new IllegalArgumentException("mlp needs at least one sample, got 0 input rows");
        }
        if (labels.length != inputs.length) {
            throw new IllegalArgumentException("labels length " + labels.length + " != input rows " + inputs.length);
        }
        this.batch = inputs.length;
        this.classes = classes;
        Objects.requireNonNull(inputs[0], "inputs[0]");
        int d = inputs[0].length;
        if (d < 1) {
            throw new IllegalArgumentException("mlp input rows must have at least one feature, inputs[0] has 0");
        }
        this.inputRows = new double[ArrayLimits.matrixLength(batch, d)];
        this.inputColumns = new double[inputRows.length];
        for (int s = 0; s < batch; s++) {
            double[] row = inputs[s];
            if (row == null) {
                throw new NullPointerException("inputs[" + s + "] is null");
            }
            if (row.length != d) {
                throw new IllegalArgumentException("inputs[" + s + "] has " + row.length + " features, inputs[0] has " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException("inputs[" + s + "][" + j + "] is " + row[j]);
                }
                inputRows[s * d + j] = row[j];
                inputColumns[j * batch + s] = row[j];
            }
            if (labels[s] < 0 || labels[s] >= classes) {
                throw new IllegalArgumentException("labels[" + s + "] = " + labels[s] + " is not in [0, " + classes + ")");
            }
        }
        this.labels = labels.clone();

        int layers = this.hiddenLayers.size() + 1;
        this.widths = new int[layers + 1];
        this.activations = new Activation[layers - 1];
        widths[0] = d;
        for (int l = 0; l < layers - 1; l++) {
            widths[l + 1] = this.hiddenLayers.get(l).units();
            activations[l] = this.hiddenLayers.get(l).activation();
        }
        widths[layers] = classes;
        this.weightOffsets = new int[layers + 1];
        long offset = 0;
        for (int l = 0; l < layers; l++) {
            weightOffsets[l] = (int) offset;
            offset += (long) widths[l + 1] * widths[l] + widths[l + 1];
            if (offset > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("mlp has more than " + (Integer.MAX_VALUE - 8)
                        + " parameters (a Java array's limit) after layer " + l);
            }
        }
        weightOffsets[layers] = (int) offset;
    }

    /**
     * The standard {@code mlp(d, h, k, b)} workload; see {@link MlpWorkload}.
     *
     * @param d input features
     * @param h hidden tanh units
     * @param k classes
     * @param b samples in the batch
     * @return the loss, on {@link Kernels#get()}
     */
    public static Mlp workload(int d, int h, int k, int b) {
        return new MlpWorkload(d, h, k, b).loss();
    }

    @Override
    public int dimension() {
        return weightOffsets[layerCount()];
    }

    /** "mlp(d,h1,…,k,b)": the layer widths then the batch size. */
    @Override
    public String name() {
        StringBuilder name = new StringBuilder("mlp(");
        for (int width : widths) {
            name.append(width).append(',');
        }
        return name.append(batch).append(')').toString();
    }

    /**
     * The flat layout, layer by layer: {@code W1} (out × in, row-major), {@code b1}, {@code W2},
     * {@code b2}, …, exactly the offsets of {@link #weightOffset(int)} and {@link #biasOffset(int)}.
     *
     * @return the blocks, e.g. {@code W1 128×784, b1 128, W2 10×128, b2 10}
     */
    @Override
    public ParameterBlocks parameterBlocks() {
        ParameterBlocks.Builder layout = ParameterBlocks.builder();
        for (int l = 0; l < layerCount(); l++) {
            layout.matrix("W" + (l + 1), widths[l + 1], widths[l]).vector("b" + (l + 1), widths[l + 1]);
        }
        return layout.build();
    }

    /** {@return number of dense layers, hidden ones plus the output layer} */
    public int layerCount() {
        return widths.length - 1;
    }

    /**
     * Input width of a layer: d for the first, the previous layer's units after that.
     *
     * @param layer the layer, in [0, {@link #layerCount()})
     * @return its fan-in
     */
    public int fanIn(int layer) {
        return widths[checkLayer(layer)];
    }

    /**
     * Output width of a layer: a hidden layer's units, or the classes for the last.
     *
     * @param layer the layer, in [0, {@link #layerCount()})
     * @return its fan-out
     */
    public int fanOut(int layer) {
        return widths[checkLayer(layer) + 1];
    }

    /**
     * Where a layer's weights start in the flattened parameters.
     *
     * @param layer the layer, in [0, {@link #layerCount()})
     * @return the index of W[0][0] of that layer
     */
    public int weightOffset(int layer) {
        return weightOffsets[checkLayer(layer)];
    }

    /**
     * Where a layer's biases start in the flattened parameters.
     *
     * @param layer the layer, in [0, {@link #layerCount()})
     * @return the index of b[0] of that layer
     */
    public int biasOffset(int layer) {
        checkLayer(layer);
        return weightOffsets[layer] + widths[layer + 1] * widths[layer];
    }

    /** {@return b, the number of samples in the batch} */
    public int batchSize() {
        return batch;
    }

    /** {@return k, the number of classes} */
    public int classes() {
        return classes;
    }

    /** {@return the hidden layers from the input side (unmodifiable; empty for softmax regression)} */
    public List<HiddenLayer> hiddenLayers() {
        return hiddenLayers;
    }

    /** {@return the kernels the evaluators compute with} */
    public KernelSupport kernels() {
        return kernels;
    }

    @Override
    public Evaluator newEvaluator() {
        MlpForward forward = new MlpForward(this);
        return x -> {
            checkDimension(x);
            return forward.meanLoss(x);
        };
    }

    @Override
    public ExactGradient newExactGradient() {
        return new MlpBackprop(this);
    }

    @Override
    public DeltaEvaluator newDeltaEvaluator() {
        return new MlpDeltaEvaluator(this);
    }

    // package-private views for the evaluators; arrays are shared and never modified

    int[] widths() {
        return widths;
    }

    int[] weightOffsets() {
        return weightOffsets;
    }

    Activation activation(int hiddenLayer) {
        return activations[hiddenLayer];
    }

    /** Inputs as b rows of d ([sample][feature]), for the first layer's weight gradient. */
    double[] inputRows() {
        return inputRows;
    }

    /** Inputs as d rows of b ([feature][sample]): the first layer's input, and loops across the batch. */
    double[] inputColumns() {
        return inputColumns;
    }

    int label(int sample) {
        return labels[sample];
    }

    void checkDimension(double[] x) {
        Objects.requireNonNull(x, "x");
        if (x.length != dimension()) {
            throw new IllegalArgumentException("dimension " + x.length + " != loss dimension " + dimension() + " of " + name());
        }
    }

    private int checkLayer(int layer) {
        if (layer < 0 || layer >= layerCount()) {
            throw new IndexOutOfBoundsException("layer " + layer + " is not in [0, " + layerCount() + ")");
        }
        return layer;
    }

    @Override
    public String toString() {
        return name();
    }

    /**
     * Doubles one worker's delta evaluator allocates for an MLP of these layer widths (inputs,
     * hidden units…, classes) and batch: what a memory estimate needs before building the loss.
     *
     * @param parameters the parameter count of that MLP
     * @param widths layer widths, inputs first and classes last; not modified
     * @param batch samples per evaluation
     * @return the number of doubles
     */
    public static long workerScratchElements(long parameters, int[] widths, int batch) {
        return MlpDeltaEvaluator.scratchElements(parameters, widths, batch);
    }

    /**
     * Elements of the largest single array a delta evaluator of that MLP allocates.
     *
     * @param parameters the parameter count of that MLP
     * @param widths layer widths, inputs first and classes last; not modified
     * @param batch samples per evaluation
     * @return the length of that array
     */
    public static long largestScratchArray(long parameters, int[] widths, int batch) {
        return MlpDeltaEvaluator.largestScratchArray(parameters, widths, batch);
    }
}
