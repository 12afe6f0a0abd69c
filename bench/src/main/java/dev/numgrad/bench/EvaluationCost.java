package dev.numgrad.bench;

import dev.numgrad.workload.WorkloadSpec;

/**
 * What one value evaluation of a standard workload costs, from its sizes alone: the flops it
 * does and the bytes of data it must read. The one place these counts are derived;
 * {@link LossRooflineBenchmark} turns them into rates (MFLOP/s and MB/s).
 *
 * <p><b>Flops</b>, as {@link FlopCounter} counts them: an fma is two flops; a transcendental
 * function (tanh, softplus, exp) counts as one, a floor rather than its real cost of a few dozen
 * operations, so the counts are of the arithmetic the loss asks for, not of how a kernel does it.
 * Terms constant in the sizes (the final division by m) are left out.
 * <ul>
 *   <li>{@code sumsq(n)}: one fma per element, 2n;</li>
 *   <li>{@code rosen(n)}: per term c = x_{i+1} − xᵢ² (fma), a = 1 − xᵢ (subtract), c² and a²
 *       added into their sums (two fmas), 7 per term over n − 1 terms, then 100·valley + offset:
 *       7(n − 1) + 2;</li>
 *   <li>{@code linreg(m, n)}: X·w ({@code gemv}, 2mn), r − y ({@code axpy}, 2m), |r|²
 *       (2m): 2mn + 4m;</li>
 *   <li>{@code logreg(m, n)}: X'·w (2mn), a softplus and an add per sample: 2mn + 2m;</li>
 *   <li>{@code mlp(d, h, k, b)}: the two dense layers, 2·b·(h·d + k·h) (biases are the
 *       {@code gemm}'s starting values, not adds), one tanh per hidden unit and sample (b·h),
 *       and the softmax cross-entropy's exp and add per logit (2·b·k).</li>
 * </ul>
 *
 * <p><b>Bytes</b>: every array the evaluation reads, each counted once at 8 bytes a double
 * (STREAM's convention, as in {@link MemoryBandwidthBenchmark}): the loss's data and the parameter
 * vector. Scratch it writes and reads again (residuals, margins, activations: O(m) or O(b·h),
 * small beside the data) is not counted, nor is a second touch of an element it already read
 * (Rosenbrock's x_{i+1}, met again as xᵢ one step later, is in L1).
 * <ul>
 *   <li>{@code sumsq(n)}, {@code rosen(n)}: x, 8n;</li>
 *   <li>{@code linreg(m, n)}: X row-major, y and w, 8(mn + m + n);</li>
 *   <li>{@code logreg(m, n)}: the signed X' (the labels are folded into its rows) and w,
 *       8(mn + n);</li>
 *   <li>{@code mlp(d, h, k, b)}: the parameters, 8·P with P = hd + h + kh + k, the input batch,
 *       8·b·d, and the b int labels, 4b.</li>
 * </ul>
 *
 * @param flops floating-point operations of one value evaluation
 * @param bytes bytes of data one value evaluation reads
 */
public record EvaluationCost(long flops, long bytes) {

    /**
     * The cost of one value evaluation of a workload.
     *
     * @param spec the workload and its sizes
     * @return its flops and bytes, as the class comment derives them
     */
    public static EvaluationCost of(WorkloadSpec spec) {
        int[] s = spec.sizeArray();
        long parameters = spec.parameters();
        return switch (spec.workload()) {
            case SUMSQ -> new EvaluationCost(2L * s[0], Double.BYTES * parameters);
            case ROSEN -> new EvaluationCost(7L * (s[0] - 1) + 2, Double.BYTES * parameters);
            case LINREG -> {
                long m = s[0];
                long n = s[1];
                yield new EvaluationCost(2 * m * n + 4 * m, Double.BYTES * (m * n + m + n));
            }
            case LOGREG -> {
                long m = s[0];
                long n = s[1];
                yield new EvaluationCost(2 * m * n + 2 * m, Double.BYTES * (m * n + n));
            }
            case MLP -> {
                long d = s[0];
                long h = s[1];
                long k = s[2];
                long b = s[3];
                long flops = 2 * b * (h * d + k * h) + b * h + 2 * b * k;
                yield new EvaluationCost(flops, Double.BYTES * (parameters + b * d) + Integer.BYTES * b);
            }
        };
    }
}
