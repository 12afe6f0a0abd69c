package dev.numgrad.workload;

import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.kernel.Kernels;
import dev.numgrad.model.HiddenLayer;
import dev.numgrad.model.Mlp;
import java.util.List;

/**
 * The standard {@code mlp(d, h, k, b)} workload of {@code WORKLOADS.md}: inputs
 * X[s][j] = sin(0.7·s + 0.13·j), labels c_s = s mod k, one tanh hidden layer of h units, softmax
 * cross-entropy over k classes averaged over the b samples; start point
 * θᵢ = 0.1·sin(0.37·i + 0.1). Parameters are W1 (h×d), b1, W2 (k×h), b2, so
 * P = h·d + h + k·h + k.
 *
 * @param inputs d, at least 1
 * @param hidden h, at least 1
 * @param classes k, at least 2
 * @param batch b, at least 1
 */
public record MlpWorkload(int inputs, int hidden, int classes, int batch) {

    /**
     * Validates the sizes.
     *
     * @throws IllegalArgumentException naming the first size below its minimum
     */
    public MlpWorkload {
        requireAtLeast("inputs d", inputs, 1);
        requireAtLeast("hidden h", hidden, 1);
        requireAtLeast("classes k", classes, 2);
        requireAtLeast("batch b", batch, 1);
        long p = parameterCount(inputs, hidden, classes);
        if (p > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("mlp(" + inputs + "," + hidden + "," + classes + "," + batch
                    + ") has " + p + " parameters, more than a Java array holds");
        }
    }

    /** {@return p = h·d + h + k·h + k} */
    public int parameterCount() {
        return (int) parameterCount(inputs, hidden, classes);
    }

    /** {@return X[s][j] = sin(0.7·s + 0.13·j), b rows of d. A fresh array} */
    public double[][] inputMatrix() {
        double[][] x = new double[batch][inputs];
        for (int s = 0; s < batch; s++) {
            for (int j = 0; j < inputs; j++) {
                x[s][j] = Math.sin(0.7 * s + 0.13 * j);
            }
        }
        return x;
    }

    /** {@return c_s = s mod k. A fresh array} */
    public int[] labels() {
        int[] labels = new int[batch];
        for (int s = 0; s < batch; s++) {
            labels[s] = s % classes;
        }
        return labels;
    }

    /** {@return θᵢ = 0.1·sin(0.37·i + 0.1), the start point of every standard workload. A fresh array} */
    public double[] startPoint() {
        return Workloads.start(parameterCount());
    }

    /** {@return the loss on {@link Kernels#get()}} */
    public Mlp loss() {
        return loss(Kernels.get());
    }

    /**
     * The loss on the given kernels (tests force {@link Kernels#scalar()}).
     *
     * @param kernels the arithmetic
     * @return the loss
     */
    public Mlp loss(KernelSupport kernels) {
        return new Mlp(inputMatrix(), labels(), classes, List.of(HiddenLayer.tanh(hidden)), kernels);
    }

    // Memory, for WorkloadSpec's estimate before anything is built; each count mirrors the
    // allocations of the class that makes them.

    /** Doubles the loss holds at peak while it is built: {@link #inputMatrix()}, Mlp's row- and column-major copies, the labels. */
    long dataElements() {
        return 3L * batch * inputs + batch; // the labels: b ints built, b ints copied
    }

    /**
     * Doubles of the largest of one worker's evaluators: the delta evaluator (a parameter copy, its
     * per-sample cache and a forward pass); the value evaluator is that forward pass alone, and
     * backprop a forward pass plus the gradients of the same shapes.
     */
    long workerScratchElements() {
        return Mlp.workerScratchElements(parameterCount(), widths(), batch);
    }

    /** Elements of the largest single array the loss or its evaluators allocate. */
    long largestArray() {
        return Math.max((long) batch * inputs, Mlp.largestScratchArray(parameterCount(), widths(), batch));
    }

    private int[] widths() {
        return new int[] {inputs, hidden, classes};
    }

    @Override
    public String toString() {
        return "mlp(" + inputs + "," + hidden + "," + classes + "," + batch + ")";
    }

    /** P = h·d + h + k·h + k in long, for sizes not yet known to fit. */
    static long parameterCount(long d, long h, long k) {
        return h * d + h + k * h + k;
    }

    private static void requireAtLeast(String what, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException("mlp " + what + " must be at least " + min + ", got " + value);
        }
    }
}
