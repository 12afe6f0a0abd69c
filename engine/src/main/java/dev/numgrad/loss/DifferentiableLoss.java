package dev.numgrad.loss;

/** A loss with an exact (analytic or backpropagated) gradient. */
public interface DifferentiableLoss extends Loss {

    /** A fresh exact-gradient evaluator owning its own scratch; one per thread, never shared. */
    ExactGradient newExactGradient();
}
