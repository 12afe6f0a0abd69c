package dev.numgrad.check;

/** The verdict on one coordinate (or one direction) of a gradient check, from best to worst. */
public enum Verdict {

    /** Analytic and numeric agree within the tolerance. */
    PASSED,

    /**
     * The mismatch is within the numeric derivative's own noise, or within float32's band: the
     * check cannot tell. Not a failure.
     */
    INCONCLUSIVE,

    /**
     * The one-sided differences disagree even at a small step: x sits at (or within a step of) a
     * non-differentiable point such as a ReLU's zero, where any subgradient is right. Not a failure.
     */
    KINK,

    /** The analytic value is wrong: beyond tolerance even after an adaptive re-examination, or non-finite. */
    WRONG
}
