package dev.numgrad.loss.terms;

/**
 * The k-th term of a family of like terms in a {@link SumOfTerms} (residual k of a fit, link k of
 * a chain): one object for the whole family instead of one per term.
 *
 * <p>Must be stateless and thread-safe: every worker calls the same instance at once.
 */
@FunctionalInterface
public interface IndexedTerm {

    /**
     * The value of term k.
     *
     * @param k the term's index within its family, {@code 0 <= k < count}
     * @param v the parameters of term k's support, in the order {@link TermSupport} wrote them
     *     ({@code v[j] = x[support_k[j]]}); a scratch array numgrad refills before every call
     * @return the term's value; a non-finite value is reported as an error naming the term
     */
    double value(int k, double[] v);
}
