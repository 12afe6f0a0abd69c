package dev.numgrad.loss;

import java.lang.foreign.MemorySegment;

/**
 * An {@link Evaluator} that can also read x from a memory segment, optionally implemented by the
 * evaluator a loss's {@link Loss#newEvaluator()} returns. The black-box gradient then keeps each
 * worker's private, perturbed copy of x in an off-heap segment whose first element starts a cache
 * line (64 bytes), and evaluates every probe through {@link #value(MemorySegment)}.
 *
 * <p>Why: Java cannot place or read the address of an array, and a fresh copy of x starts
 * wherever the allocator puts it, usually not on a cache line. A 64-byte vector load from such an
 * array spans two lines, and a loss whose evaluation is one pass over x (the Rosenbrock chain)
 * runs 15–25 % slower from one copy than from another: a gradient's time depended on where its
 * copy happened to land. From the aligned segment every gradient takes the fast time.
 *
 * <p>Contract: {@code value(x)} of a segment equals {@link #value(double[])} of an array of the
 * same elements bit for bit (the engine mixes neither, but a user comparing paths must not see a
 * difference, and the gradient must not depend on which path was taken). The engine ignores this
 * interface in delta mode and for a {@link ProbeBatchLoss}'s batched probes.
 */
public interface SegmentEvaluator extends Evaluator {

    /**
     * The loss at the point held in x.
     *
     * @param x the parameters as {@link Loss#dimension()} doubles in native byte order, from byte
     *     0; not modified. The engine passes a 64-byte-aligned segment of exactly that size, but
     *     an implementation must accept any alignment (e.g. a heap segment of an array). Valid for
     *     this call only: the engine reuses its segments in later gradients, so an implementation
     *     must not keep a reference to it.
     * @return f(x), bit-identical to {@link #value(double[])} of the same elements; may be
     *     non-finite, which the engine reports as an error
     * @throws IllegalArgumentException if x does not hold exactly {@link Loss#dimension()} doubles
     */
    double value(MemorySegment x);
}
