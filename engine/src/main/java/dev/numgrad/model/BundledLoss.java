package dev.numgrad.model;

import dev.numgrad.loss.DeltaLoss;
import dev.numgrad.loss.DifferentiableLoss;
import dev.numgrad.workload.Workload;

/**
 * A loss that provides all three ways of looking at itself: a value ({@link #newEvaluator()}),
 * single-coordinate changes ({@link #newDeltaEvaluator()}) and an exact gradient
 * ({@link #newExactGradient()}). Every bundled loss and every standard {@link Workload} is one,
 * so code that builds a workload by name can use any mode without a cast.
 */
public interface BundledLoss extends DeltaLoss, DifferentiableLoss {
}
