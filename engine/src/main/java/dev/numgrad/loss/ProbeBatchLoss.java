package dev.numgrad.loss;

/**
 * A loss that can evaluate several probe points x + sⱼ·e_{iⱼ} in one pass, optionally
 * implemented next to {@link Loss}. A black-box gradient evaluates 2n such points (central
 * differences), each differing from x in one coordinate; a loss whose value is dominated by
 * reading a data matrix (the linear models: one matrix-vector product) can compute k of them from
 * one pass over that matrix, a matrix-matrix product instead of k matrix-vector products.
 *
 * <p>Results: each value equals {@link Evaluator#value} of the same point to within the
 * implementation's stated tolerance. The bundled implementations ({@code LinearRegression},
 * {@code LogisticRegression}) are bit-identical to their {@code newEvaluator()} on the same
 * kernels, which {@code ProbeBatchEvaluatorTest} checks.
 */
public interface ProbeBatchLoss extends Loss {

    /**
     * A fresh batch evaluator owning its scratch, for one worker thread.
     *
     * @param maxProbes the most probes one {@link ProbeBatchEvaluator#values} call will pass, at least 1
     * @return a new evaluator
     * @throws IllegalArgumentException if maxProbes is below 1
     */
    ProbeBatchEvaluator newProbeBatchEvaluator(int maxProbes);
}
