package dev.numgrad.loss.terms;

import dev.numgrad.InvalidDimensionException;
import dev.numgrad.loss.DeltaEvaluator;
import dev.numgrad.loss.DeltaLoss;
import dev.numgrad.loss.Evaluator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A loss declared as a sum of small terms, f(x) = Σ_k term_k(x restricted to S_k) (+ an optional
 * dense part evaluated whole), whose delta evaluator numgrad derives from the declared supports:
 * no hand-written delta code.
 *
 * <pre>{@code
 * // a chain of n − 1 coupled residuals: f(x) = Σ_k (x[k+1] − x[k]² )²
 * SumOfTerms chain = SumOfTerms.builder("chain", n)
 *         .terms("link", n - 1, 2, (k, s) -> { s[0] = k; s[1] = k + 1; },
 *                (k, v) -> { double r = v[1] - v[0] * v[0]; return r * r; })
 *         .build();
 * GradientResult g = NumericGradient.defaults().withMode(Mode.DELTA).compute(chain, x);
 * }</pre>
 *
 * <p>Algorithm: {@link Builder#build()} indexes, for every coordinate i, the terms whose support
 * contains it and i's position in each (compressed rows of int arrays, no boxing). A delta
 * evaluator's {@link DeltaEvaluator#prepare prepare(x)} copies x and caches every term's value
 * term_k(x); then {@code delta(i, s)} = Σ_{k ∋ i} [term_k(x + s·eᵢ) − term_k(x)], the terms
 * taken in index order, plus dense(x + s·eᵢ) − dense(x) when there is a dense part. Each
 * coordinate's delta depends only on the base point and i, so gradients are bit-identical
 * whatever the number of workers; and because each difference is taken at the scale of one term
 * rather than of the whole sum, it loses far fewer digits to cancellation than f(x + s·eᵢ) − f(x).
 *
 * <p>When it pays: a black-box probe costs all K terms; a delta probe costs only the terms that
 * touch i, so a whole gradient costs about Σ_k |S_k| term evaluations per probe direction instead
 * of n·K. Sparse structures gain the most: a chain, grid, pose graph or bundle adjustment with a
 * million parameters and a handful of terms per parameter goes from hours to seconds. When it
 * does not: if most terms read most parameters (a dense network layer, a full quadratic form),
 * Σ_k |S_k| approaches n·K and the bookkeeping only adds cost; and a dense part is evaluated
 * whole for every probe, so it must be cheap (or be written as single-coordinate terms, as an
 * L2 regulariser can). Memory: the index holds about 3·Σ_k |S_k| + K + n ints, and every worker
 * caches K term values and a copy of x.
 *
 * <p>Errors: a term that throws is reported as a {@link dev.numgrad.LossEvaluationException}
 * (loss name, coordinate) caused by a {@link TermEvaluationException} (the term and its support)
 * caused by the term's own exception. A term that returns NaN or ±∞ while a coordinate is
 * differenced is a {@link dev.numgrad.NonFiniteLossException} naming the loss, the coordinate and
 * the term.
 *
 * <p>Immutable and thread-safe; the terms and the dense part must be stateless and thread-safe.
 */
public final class SumOfTerms implements DeltaLoss {

    private final String name;
    private final TermIndex index;
    private final ToDoubleFunction<double[]> dense;
    private final String denseLabel;

    private SumOfTerms(String name, TermIndex index, ToDoubleFunction<double[]> dense, String denseLabel) {
        this.name = name;
        this.index = index;
        this.dense = dense;
        this.denseLabel = denseLabel;
    }

    /**
     * Starts declaring a sum of terms.
     *
     * @param name the loss's name, for messages and reports; not blank
     * @param dimension the number of parameters, at least 1
     * @return an empty builder
     * @throws IllegalArgumentException if the name is blank
     * @throws InvalidDimensionException if dimension is below 1
     */
    public static Builder builder(String name, int dimension) {
        return new Builder(name, dimension);
    }

    @Override
    public int dimension() {
        return index.dimension();
    }

    @Override
    public String name() {
        return name;
    }

    /** {@return the number of terms, K} */
    public int termCount() {
        return index.termCount();
    }

    /**
     * The number of terms whose support contains coordinate i: what one delta probe of i costs,
     * in term evaluations.
     *
     * @param i the coordinate, in [0, dimension)
     * @return |{k : i ∈ S_k}|
     * @throws IndexOutOfBoundsException if i is outside [0, dimension)
     */
    public int termsTouching(int i) {
        Objects.checkIndex(i, index.dimension());
        return index.termsTouching(i);
    }

    /** {@return whether the loss has a dense part, evaluated whole for every probe} */
    public boolean hasDensePart() {
        return dense != null;
    }

    @Override
    public Evaluator newEvaluator() {
        return new TermsEvaluator(index, dense, denseLabel);
    }

    @Override
    public DeltaEvaluator newDeltaEvaluator() {
        return new TermsDeltaEvaluator(name, index, dense, denseLabel);
    }

    @Override
    public String toString() {
        return "SumOfTerms[" + name + ", dimension " + dimension() + ", " + termCount() + " terms"
                + (dense == null ? "" : ", dense part '" + denseLabel + "'") + "]";
    }

    /**
     * Declares the terms of a {@link SumOfTerms}. Families of like terms ({@link #terms}) cost
     * one object for the whole family; single terms ({@link #term}) suit a few irregular ones.
     * Not thread-safe; {@link #build()} validates every support and may be called more than once.
     */
    public static final class Builder {

        private final String name;
        private final int dimension;
        private final List<TermFamily> families = new ArrayList<>();
        private ToDoubleFunction<double[]> dense;
        private String denseLabel;

        private Builder(String name, int dimension) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a loss name must not be blank, got '" + name + "'");
            }
            this.name = name;
            this.dimension = InvalidDimensionException.check(name, dimension);
        }

        /**
         * Adds one term.
         *
         * @param label names the term in error messages; not blank
         * @param support the parameters the term reads, distinct, in [0, dimension), in the order
         *     the term receives them. Not modified (copied).
         * @param term the term's value from the support's parameters
         * @return this builder
         * @throws IllegalArgumentException if the label is blank or the support is empty
         */
        public Builder term(String label, int[] support, Term term) {
            Objects.requireNonNull(support, "support");
            Objects.requireNonNull(term, "term");
            int[] copy = support.clone();
            families.add(new TermFamily(checkLabel(label), 1, arity(label, copy.length),
                    (k, s) -> System.arraycopy(copy, 0, s, 0, copy.length), (k, v) -> term.value(v)));
            return this;
        }

        /**
         * Adds a family of {@code count} like terms, each reading {@code arity} parameters.
         *
         * @param label names the family in error messages ("term 'label' #k"); not blank
         * @param count the number of terms, at least 0
         * @param arity the size of every term's support, at least 1
         * @param support writes term k's support; called once per term by {@link #build()}
         * @param term the value of term k from its support's parameters
         * @return this builder
         * @throws IllegalArgumentException if the label is blank, count is negative or arity is
         *     below 1
         */
        public Builder terms(String label, int count, int arity, TermSupport support, IndexedTerm term) {
            Objects.requireNonNull(support, "support");
            Objects.requireNonNull(term, "term");
            if (count < 0) {
                throw new IllegalArgumentException("term family '" + label + "' count must be non-negative, got "
                        + count);
            }
            families.add(new TermFamily(checkLabel(label), count, arity(label, arity), support, term));
            return this;
        }

        /**
         * Sets the dense part: a function of the whole x added to the terms, evaluated whole at
         * the base point and at every probe. Keep it cheap; a separable part is better written
         * as single-coordinate terms.
         *
         * @param label names the dense part in error messages; not blank
         * @param part the dense part's value; stateless, thread-safe, must not modify x
         * @return this builder
         * @throws IllegalStateException if a dense part was already set
         */
        public Builder dense(String label, ToDoubleFunction<double[]> part) {
            Objects.requireNonNull(part, "part");
            if (dense != null) {
                throw new IllegalStateException("loss '" + name + "' already has a dense part '" + denseLabel + "'");
            }
            this.denseLabel = checkLabel(label);
            this.dense = part;
            return this;
        }

        /**
         * Indexes the terms and returns the loss.
         *
         * @return the loss
         * @throws IllegalArgumentException if a support lists a parameter outside [0, dimension)
         *     or one parameter twice (naming the term), or if there are more terms or support
         *     entries than an array can index
         */
        public SumOfTerms build() {
            return new SumOfTerms(name, TermIndex.of(name, dimension, families), dense, denseLabel);
        }

        private static String checkLabel(String label) {
            Objects.requireNonNull(label, "label");
            if (label.isBlank()) {
                throw new IllegalArgumentException("a term label must not be blank, got '" + label + "'");
            }
            return label;
        }

        private static int arity(String label, int arity) {
            if (arity < 1) {
                throw new IllegalArgumentException("term '" + label + "' must read at least 1 parameter, got arity "
                        + arity);
            }
            return arity;
        }
    }
}
