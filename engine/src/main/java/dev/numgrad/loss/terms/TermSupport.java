package dev.numgrad.loss.terms;

/**
 * Which parameters term k of a family reads. Called once per term while
 * {@link SumOfTerms.Builder#build()} indexes the terms, never during a gradient.
 */
@FunctionalInterface
public interface TermSupport {

    /**
     * Writes the support of term k.
     *
     * @param k the term's index within its family
     * @param support output, length the family's arity. Modified: filled with distinct parameter
     *     indices in [0, dimension), in the order the term reads them
     */
    void fill(int k, int[] support);
}
