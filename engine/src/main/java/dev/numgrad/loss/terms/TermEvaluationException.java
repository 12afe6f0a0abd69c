package dev.numgrad.loss.terms;

import dev.numgrad.NumgradException;

/**
 * A term of a {@link SumOfTerms} threw. The message names the term (its family's label, its index
 * in the family and its support); the term's own exception, checked or not, is the cause. The
 * engine wraps this in a {@link dev.numgrad.LossEvaluationException} that adds the loss's name
 * and the coordinate being differenced. (A term that returns NaN or ±∞ during delta evaluation is
 * a {@link dev.numgrad.NonFiniteLossException} naming the loss, the coordinate and the term.)
 */
public final class TermEvaluationException extends NumgradException {

    private static final long serialVersionUID = 1L;

    private final String term;

    private TermEvaluationException(String message, String term, Throwable cause) {
        super(message, cause);
        this.term = term;
    }

    /**
     * The term threw.
     *
     * @param term the term's description, e.g. {@code "term 'link' #41 on x[41], x[42]"}
     * @param cause what it threw
     * @return the exception
     */
    static TermEvaluationException threw(String term, Throwable cause) {
        return new TermEvaluationException(term + " threw " + cause, term, cause);
    }

    /** {@return the term's description: family label, index in the family, support} */
    public String term() {
        return term;
    }
}
