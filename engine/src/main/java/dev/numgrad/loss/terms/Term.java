package dev.numgrad.loss.terms;

/**
 * One term of a {@link SumOfTerms}: a function of the few parameters in its support.
 *
 * <p>Must be stateless and thread-safe: every worker calls the same instance at once.
 */
@FunctionalInterface
public interface Term {

    /**
     * The term's value.
     *
     * @param v the parameters of the term's support, in the order the support lists them
     *     ({@code v[j] = x[support[j]]}). A scratch array numgrad refills before every call, so
     *     the term may read it freely (writing to it is harmless but pointless).
     * @return the term's value; a non-finite value is reported as an error naming the term
     */
    double value(double[] v);
}
