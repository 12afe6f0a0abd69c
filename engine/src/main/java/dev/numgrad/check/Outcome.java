package dev.numgrad.check;

/** The overall result of a gradient check. */
public enum Outcome {

    /** Every checked coordinate and direction passed (kinks allowed). */
    PASSED,

    /** Nothing was wrong, but something could not be decided (noise, float32, budget before re-examination). */
    INCONCLUSIVE,

    /** Some coordinate is wrong, the loss or gradient is not a pure function of x, or evaluation failed. */
    FAILED
}
