package dev.numgrad.model;

import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.loss.DeltaEvaluator;
import dev.numgrad.workload.WorkloadSpec;
import java.util.Arrays;

/**
 * Delta evaluation for an {@link Mlp}: f(x + s·eᵢ) − f(x) from the units that coordinate i
 * touches.
 *
 * <p>{@link #prepare(double[])} runs the forward pass once ({@link MlpForward}, whose batches are
 * already [unit][sample]) and caches, per layer, the pre-activations z, activations a and act'(z),
 * and per class the softmax probabilities p, all laid out [unit][sample] so that every loop below
 * runs contiguously across the batch. Then a parameter of layer l in row r (weight W[r][c] or
 * bias b[r]) moves only the pre-activation of unit r, by Δz = s·a_in[c] (s for the bias) in every sample, and:
 * <ul>
 *   <li>output layer: one logit per sample shifts by Δz. Cost O(b).
 *   <li>last hidden layer: unit r's activation changes by Δa = act(z + Δz) − act(z) (exact
 *       formula, {@link Activation}), and every logit c shifts by δ_c = W_out[c][r]·Δa. Cost
 *       O(b·k). This is the first layer of the standard one-hidden-layer workload, nearly every
 *       parameter.
 *   <li>earlier layers: the change propagates densely through the later hidden layers (each unit
 *       of the next layer shifts by W[u][r]·Δa, then by W·Δa of all changed units), and the
 *       logits shift by W_out·Δa. Cost O(b·(n_{l+1} + n_{l+1}·n_{l+2} + … )): general, slower.
 * </ul>
 * With the logit shifts δ_c per sample, the change of that sample's cross-entropy is
 * log1p(Σ_c p_c·expm1(δ_c)) − δ_label: the exact change of log-sum-exp, written so that no two
 * large totals are subtracted, which keeps the delta accurate to a few ulps of itself even for
 * s = 1e-8, where lse(z + δ) − lse(z) would keep only ~8 digits. The batch mean divides by b.
 *
 * <p>Last-hidden-layer coordinates, nearly all of the work, avoid the k exponentials per sample
 * when the change is small: Σ_c p_c·expm1(w_c·Δa) = Σ_{n≥1} m_n·Δaⁿ with per-sample moments
 * m_n = Σ_c p_c·w_cⁿ/n! cached by prepare, so the sum is a degree-{@value #SERIES_TERMS}
 * polynomial in Δa (Horner, {@link KernelSupport#powerSeries}). The neglected tail is at most
 * e·(w_max·|Δa|)^{N+1}/(N+1)! for w_max·|Δa| ≤ 1 (N = {@value #SERIES_TERMS}); the series is
 * used only where that is below 2⁻⁵³·|Δa|·Σ_c p_c·|w_c|, the rounding error of the exact
 * sum itself, so it is as accurate as the exponentials; a full mlp(784,1270,10,32) gradient
 * runs 3.5× (Panama) to 5× (scalar) faster with it. |Δa| is bounded before computing it by
 * |s|·max|a_in[c]| (every activation is 1-Lipschitz), so the choice costs O(1). With the standard
 * workloads this admits |Δa| up to about 0.07; larger steps take the exponentials.
 *
 * <p>Nothing in the cache is written by {@link #delta(int, double)}, so calls in any order
 * return the same values; scratch is allocated once, a call allocates nothing.
 */
final class MlpDeltaEvaluator implements DeltaEvaluator {

    /** Terms of the softmax-shift power series; see the class comment for the cut-off. */
    static final int SERIES_TERMS = 6;

    private final Mlp mlp;
    private final KernelSupport kernels;
    private final int[] widths;
    private final int[] weightOffsets;
    private final int layers;
    private final int batch;
    private final int classes;
    private final MlpForward forward;
    private final double[] theta;

    // cache at the base point, [unit][sample]
    private final double[][] z;
    private final double[][] a;
    private final double[][] derivative;
    private final double[] probabilities;
    /** 1 where sample s has label c, at [c][s]: the −δ_label term of an output-layer coordinate. */
    private final double[] labelMask;
    /** W_out[label_s][r] at [r][s]: the −δ_label term of a last-hidden-layer coordinate. */
    private final double[] labelWeight;
    private final double[] ones;
    /** m_n = Σ_c p_c·W_out[c][r]ⁿ/n! at [(n−1)][r][s], for the last hidden layer. */
    private final double[] seriesCoefficients;
    /** Per last-hidden unit r: the largest |Δa| for which the series is exact to rounding. */
    private final double[] seriesLimit;
    /** Per input unit c of the last hidden layer: max over the batch of |a_in[c]|. */
    private final double[] lastHiddenInputMaxAbs;
    /** W_out[·][r] of the unit being prepared. */
    private final double[] outputColumn;
    private final double[] moments = new double[SERIES_TERMS];

    // scratch
    private final double[] shift;
    private final double[] change;
    private final double[] nextChange;
    private final double[] preActivationChange;
    private final double[] logitShift;
    /** Δa of the −step side of {@link #symmetricDeltas}; {@link #change} holds the +step side. */
    private final double[] changeMinus;
    private final double[] pairSums = new double[2];
    private boolean prepared;

    MlpDeltaEvaluator(Mlp mlp) {
        this.mlp = mlp;
        this.kernels = mlp.kernels();
        this.widths = mlp.widths();
        this.weightOffsets = mlp.weightOffsets();
        this.layers = mlp.layerCount();
        this.batch = mlp.batchSize();
        this.classes = mlp.classes();
        this.forward = new MlpForward(mlp);
        this.theta = new double[mlp.dimension()];
        int hidden = layers - 1;
        this.z = new double[hidden][];
        this.a = new double[hidden][];
        this.derivative = new double[hidden][];
        int widest = 1;
        for (int l = 0; l < hidden; l++) {
            z[l] = new double[widths[l + 1] * batch];
            a[l] = new double[widths[l + 1] * batch];
            derivative[l] = new double[widths[l + 1] * batch];
            widest = Math.max(widest, widths[l + 1]);
        }
        this.probabilities = new double[classes * batch];
        this.labelMask = new double[classes * batch];
        for (int s = 0; s < batch; s++) {
            labelMask[mlp.label(s) * batch + s] = 1.0;
        }
        this.labelWeight = hidden > 0 ? new double[widths[hidden] * batch] : new double[0];
        this.seriesCoefficients = hidden > 0 ? new double[SERIES_TERMS * widths[hidden] * batch] : new double[0];
        this.seriesLimit = hidden > 0 ? new double[widths[hidden]] : new double[0];
        this.lastHiddenInputMaxAbs = hidden > 0 ? new double[widths[hidden - 1]] : new double[0];
        if (hidden == 1) {
            maxAbsPerRow(mlp.inputColumns(), lastHiddenInputMaxAbs);
        }
        this.outputColumn = new double[classes];
        this.ones = new double[batch];
        Arrays.fill(ones, 1.0);
        this.shift = new double[batch];
        this.change = new double[widest * batch];
        this.nextChange = new double[widest * batch];
        this.preActivationChange = new double[widest * batch];
        this.logitShift = new double[classes * batch];
        this.changeMinus = new double[batch];
    }

    /**
     * Doubles one evaluator allocates for a network of these widths (input first, classes last)
     * and batch, counted array by array as the constructor allocates them, so that a memory
     * estimate made before any data is built ({@link WorkloadSpec#estimatedBytes(int)}) is honest.
     * Dominated by the parameter copy P and the per-sample cache with its forward pass, about
     * (5·Σ hidden widths + (SERIES_TERMS + 3)·last hidden width + 4·classes)·batch.
     */
    static long scratchElements(long parameters, int[] widths, int batch) {
        int hidden = widths.length - 2;
        int classes = widths[widths.length - 1];
        long elements = parameters + MlpForward.scratchElements(widths, batch);
        int widest = 1;
        for (int l = 0; l < hidden; l++) {
            elements += 3L * widths[l + 1] * batch; // z, a, derivative
            widest = Math.max(widest, widths[l + 1]);
        }
        elements += 2L * classes * batch; // probabilities, labelMask
        if (hidden > 0) {
            // labelWeight, seriesCoefficients, seriesLimit, lastHiddenInputMaxAbs
            elements += (1L + SERIES_TERMS) * widths[hidden] * batch + widths[hidden] + widths[hidden - 1];
        }
        elements += classes + SERIES_TERMS; // outputColumn, moments
        elements += 2L * batch + 3L * widest * batch + (long) classes * batch; // ones, shift; change, nextChange, preActivationChange; logitShift
        elements += batch + 2; // changeMinus, pairSums
        return elements;
    }

    /** Elements of the largest single array {@link #scratchElements} counts. */
    static long largestScratchArray(long parameters, int[] widths, int batch) {
        long largest = Math.max(parameters, (long) widths[widths.length - 1] * batch);
        for (int l = 1; l < widths.length - 1; l++) {
            largest = Math.max(largest, (long) widths[l] * batch);
        }
        if (widths.length > 2) {
            largest = Math.max(largest, (long) SERIES_TERMS * widths[widths.length - 2] * batch);
        }
        return largest;
    }

    @Override
    public double prepare(double[] x) {
        mlp.checkDimension(x);
        prepared = false; // until the whole cache describes x
        System.arraycopy(x, 0, theta, 0, theta.length);
        int hidden = layers - 1;
        double loss = forward.meanLoss(theta);
        for (int l = 0; l < hidden; l++) {
            Activation activation = mlp.activation(l);
            System.arraycopy(forward.z[l], 0, z[l], 0, z[l].length);
            System.arraycopy(forward.a[l], 0, a[l], 0, a[l].length);
            for (int k = 0; k < z[l].length; k++) {
                derivative[l][k] = activation.derivative(z[l][k]);
            }
        }
        double[] logits = forward.z[layers - 1];
        for (int c = 0; c < classes; c++) {
            for (int s = 0; s < batch; s++) {
                probabilities[c * batch + s] = Math.exp(logits[c * batch + s] - forward.logSumExp[s]);
            }
        }
        if (hidden > 0) {
            int lastWidth = widths[hidden];
            for (int s = 0; s < batch; s++) {
                int labelRow = weightOffsets[layers - 1] + mlp.label(s) * lastWidth;
                for (int r = 0; r < lastWidth; r++) {
                    labelWeight[r * batch + s] = theta[labelRow + r];
                }
            }
            prepareSeries();
        }
        prepared = true;
        return loss;
    }

    /** Moments m_n of the output weights of each last-hidden unit under each sample's softmax. */
    private void prepareSeries() {
        int hidden = layers - 1;
        int lastWidth = widths[hidden];
        if (hidden > 1) {
            maxAbsPerRow(a[hidden - 2], lastHiddenInputMaxAbs);
        }
        int w = weightOffsets[layers - 1];
        int termStride = lastWidth * batch;
        double tailFactorial = factorial(SERIES_TERMS + 1);
        for (int r = 0; r < lastWidth; r++) {
            double largestWeight = 0;
            for (int c = 0; c < classes; c++) {
                outputColumn[c] = theta[w + c * lastWidth + r];
                largestWeight = Math.max(largestWeight, Math.abs(outputColumn[c]));
            }
            double smallestScale = Double.POSITIVE_INFINITY;
            for (int s = 0; s < batch; s++) {
                Arrays.fill(moments, 0.0);
                double scale = 0;
                for (int c = 0; c < classes; c++) {
                    double p = probabilities[c * batch + s];
                    scale += p * Math.abs(outputColumn[c]);
                    double term = p;
                    for (int n = 0; n < SERIES_TERMS; n++) {
                        term *= outputColumn[c] / (n + 1); // p·wⁿ⁺¹/(n+1)!
                        moments[n] += term;
                    }
                }
                smallestScale = Math.min(smallestScale, scale);
                for (int n = 0; n < SERIES_TERMS; n++) {
                    seriesCoefficients[n * termStride + r * batch + s] = moments[n];
                }
            }
            // tail e·(w_max·Δ)^{N+1}/(N+1)! ≤ 2⁻⁵³·Δ·Σ p|w|  ⇔  Δ^N ≤ 2⁻⁵³·Σ p|w|·(N+1)!/(e·w_max^{N+1})
            seriesLimit[r] = largestWeight == 0
                    ? Double.POSITIVE_INFINITY
                    : Math.min(1.0 / largestWeight, Math.pow(0x1p-53 * smallestScale * tailFactorial
                            / (Math.E * Math.pow(largestWeight, SERIES_TERMS + 1)), 1.0 / SERIES_TERMS));
        }
    }

    private static double factorial(int n) {
        double result = 1;
        for (int k = 2; k <= n; k++) {
            result *= k;
        }
        return result;
    }

    /** For tests: the |Δa| below which unit r of the last hidden layer uses the power series. */
    double seriesLimit(int r) {
        return seriesLimit[r];
    }

    /** maxAbs[u] = max over the batch of |rows[u][s]| for a [unit][sample] array. */
    private void maxAbsPerRow(double[] rows, double[] maxAbs) {
        for (int u = 0; u < maxAbs.length; u++) {
            double largest = 0;
            for (int s = 0; s < batch; s++) {
                largest = Math.max(largest, Math.abs(rows[u * batch + s]));
            }
            maxAbs[u] = largest;
        }
    }

    /**
     * One pass for both signs where it matters: a weight of the last hidden layer's tanh units
     * (nearly every coordinate of the standard workloads) whose change takes the power series,
     * through {@link KernelSupport#tanhSeriesDeltaPair}, with the bits of two {@link #delta}
     * calls. Everything else, and every pair the kernels decline, makes the two calls.
     */
    @Override
    public void symmetricDeltas(int i, double step, double[] into) {
        checkCall(i, step);
        int l = layerOf(i);
        int in = widths[l];
        int local = i - weightOffsets[l];
        if (l == layers - 2 && local < widths[l + 1] * in && mlp.activation(l) == Activation.TANH) {
            int row = local / in;
            int column = local % in;
            if (Math.abs(step) * lastHiddenInputMaxAbs[column] <= seriesLimit[row]) {
                double[] direction = l == 0 ? mlp.inputColumns() : a[l - 1];
                int lastWidth = widths[layers - 1];
                if (kernels.tanhSeriesDeltaPair(a[l], derivative[l], row * batch, step, direction,
                        column * batch, seriesCoefficients, lastWidth * batch, SERIES_TERMS, labelWeight,
                        change, changeMinus, batch, pairSums)) {
                    into[0] = pairSums[0] / batch;
                    into[1] = pairSums[1] / batch;
                    return;
                }
            }
        }
        into[0] = delta(i, step);
        into[1] = delta(i, -step);
    }

    private void checkCall(int i, double step) {
        if (!prepared) {
            throw new IllegalStateException("delta(" + i + ", " + step + ") before prepare(x)");
        }
        if (i < 0 || i >= theta.length) {
            throw new IndexOutOfBoundsException("coordinate " + i + " is not in [0, " + theta.length + ")");
        }
    }

    /** The layer whose parameters hold coordinate i. */
    private int layerOf(int i) {
        int l = 0;
        while (i >= weightOffsets[l + 1]) {
            l++;
        }
        return l;
    }

    @Override
    public double delta(int i, double step) {
        checkCall(i, step);
        int l = layerOf(i);
        int in = widths[l];
        int out = widths[l + 1];
        int local = i - weightOffsets[l];
        int row;
        double[] direction;
        int directionOffset;
        boolean isWeight = local < out * in;
        if (isWeight) {
            // weight W[row][col]: Δz = s·(input col) in every sample
            row = local / in;
            direction = l == 0 ? mlp.inputColumns() : a[l - 1];
            directionOffset = (local % in) * batch;
        } else {
            // bias b[row]: Δz = s in every sample
            row = local - out * in;
            direction = ones;
            directionOffset = 0;
        }
        double sum;
        if (l == layers - 1) {
            sum = outputLayerDelta(row, step, direction, directionOffset);
        } else {
            mlp.activation(l).difference(kernels, z[l], a[l], derivative[l], row * batch,
                    step, direction, directionOffset, change, 0, batch);
            if (l == layers - 2) {
                // |Δa| ≤ |Δz| ≤ |s|·max|direction|: every activation is 1-Lipschitz
                double changeBound = Math.abs(step) * (isWeight ? lastHiddenInputMaxAbs[local % in] : 1.0);
                sum = lastHiddenDelta(row, changeBound <= seriesLimit[row]);
            } else {
                sum = deepDelta(l, row);
            }
        }
        return sum / batch;
    }

    /** Logit r shifts by step·v in each sample: Σ_s log1p(p_r·expm1(δ)) − δ·[label = r]. */
    private double outputLayerDelta(int r, double step, double[] v, int vOffset) {
        Arrays.fill(shift, 0.0);
        kernels.addExpm1Scaled(probabilities, r * batch, step, v, vOffset, shift, 0, batch);
        return kernels.sumLog1p(shift, 0, batch) - step * kernels.dot(labelMask, r * batch, v, vOffset, batch);
    }

    /**
     * Unit r of the last hidden layer changed by {@link #change}; logit c shifts by
     * W_out[c][r]·Δa: Σ_c p_c·expm1(W_out[c][r]·Δa) by the cached power series where that is
     * exact to rounding, else by the exponentials.
     */
    private double lastHiddenDelta(int r, boolean series) {
        int lastWidth = widths[layers - 1];
        if (series) {
            kernels.powerSeries(seriesCoefficients, r * batch, lastWidth * batch, SERIES_TERMS, change, 0, shift, 0, batch);
        } else {
            int w = weightOffsets[layers - 1] + r;
            Arrays.fill(shift, 0.0);
            for (int c = 0; c < classes; c++) {
                kernels.addExpm1Scaled(probabilities, c * batch, theta[w + c * lastWidth], change, 0, shift, 0, batch);
            }
        }
        return kernels.sumLog1p(shift, 0, batch) - kernels.dot(labelWeight, r * batch, change, 0, batch);
    }

    /**
     * Unit r of hidden layer l changed by {@link #change}: propagate through hidden layers
     * l+1 … L−2 (all their units change), then to the logits.
     */
    private double deepDelta(int l, int r) {
        double[] current = change;
        double[] next = nextChange;
        // the first layer above sees one changed input unit: Δz[u] = W[u][r]·Δa_r
        int m = l + 1;
        int in = widths[m];
        int out = widths[m + 1];
        for (int u = 0; u < out; u++) {
            double w = theta[weightOffsets[m] + u * in + r];
            mlp.activation(m).difference(kernels, z[m], a[m], derivative[m], u * batch, w, current, 0, next, u * batch, batch);
        }
        double[] swap = current;
        current = next;
        next = swap;
        // further hidden layers see every input unit changed: Δz[u] = Σ_v W[u][v]·Δa_v
        for (m = l + 2; m < layers - 1; m++) {
            out = widths[m + 1];
            denseChange(m, current, preActivationChange);
            for (int u = 0; u < out; u++) {
                mlp.activation(m).difference(kernels, z[m], a[m], derivative[m], u * batch, 1.0,
                        preActivationChange, u * batch, next, u * batch, batch);
            }
            swap = current;
            current = next;
            next = swap;
        }
        // logits: δ_c = Σ_v W_out[c][v]·Δa_v, then the softmax change
        int last = layers - 1;
        denseChange(last, current, logitShift);
        Arrays.fill(shift, 0.0);
        for (int c = 0; c < classes; c++) {
            kernels.addExpm1Scaled(probabilities, c * batch, 1.0, logitShift, c * batch, shift, 0, batch);
        }
        double labelShift = 0;
        for (int s = 0; s < batch; s++) {
            labelShift += logitShift[mlp.label(s) * batch + s];
        }
        return kernels.sumLog1p(shift, 0, batch) - labelShift;
    }

    /** out[u][s] = Σ_v W_m[u][v]·change[v][s] for every unit u of layer m and sample s: one gemm. */
    private void denseChange(int m, double[] change, double[] out) {
        int in = widths[m];
        int units = widths[m + 1];
        Arrays.fill(out, 0, units * batch, 0.0);
        kernels.gemm(theta, weightOffsets[m], units, in, change, 0, batch, out, 0);
    }
}
