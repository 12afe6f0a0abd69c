package dev.numgrad.loss;

/** A loss that can evaluate single-coordinate changes from the terms that change. */
public interface DeltaLoss extends Loss {

    /** A fresh delta evaluator owning its own cache; one per worker, never shared. */
    DeltaEvaluator newDeltaEvaluator();
}
