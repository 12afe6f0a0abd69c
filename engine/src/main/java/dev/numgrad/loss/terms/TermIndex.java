package dev.numgrad.loss.terms;

import java.util.List;

/**
 * The immutable structure of a {@link SumOfTerms}: each term's support, and for each coordinate
 * the terms that read it, both as compressed rows of plain int arrays.
 *
 * <p>Terms are numbered globally in declaration order (family by family); the coordinate rows
 * list their terms in that order too, which fixes the summation order of every delta.
 */
final class TermIndex {

    /** Larger arrays than this fail on common JVMs even when the heap has room. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final int dimension;
    private final int termCount;
    private final int maxArity;
    /** Term k reads termVars[termStart[k] .. termStart[k + 1]). */
    private final int[] termStart;
    private final int[] termVars;
    /** The family of term k, and the global number of each family's first term. */
    private final int[] termFamily;
    private final int[] familyFirst;
    private final IndexedTerm[] familyTerm;
    private final String[] familyLabel;
    /** Coordinate i is read by terms coordTerms[coordStart[i] .. coordStart[i + 1]), at coordPos there. */
    private final int[] coordStart;
    private final int[] coordTerms;
    private final int[] coordPos;

    private TermIndex(int dimension, int termCount, int maxArity, int[] termStart, int[] termVars, int[] termFamily,
            int[] familyFirst, IndexedTerm[] familyTerm, String[] familyLabel, int[] coordStart, int[] coordTerms,
            int[] coordPos) {
        this.dimension = dimension;
        this.termCount = termCount;
        this.maxArity = maxArity;
        this.termStart = termStart;
        this.termVars = termVars;
        this.termFamily = termFamily;
        this.familyFirst = familyFirst;
        this.familyTerm = familyTerm;
        this.familyLabel = familyLabel;
        this.coordStart = coordStart;
        this.coordTerms = coordTerms;
        this.coordPos = coordPos;
    }

    /** Calls every family's support function once per term, validates, and inverts the supports. */
    static TermIndex of(String lossName, int dimension, List<TermFamily> families) {
        int familyCount = families.size();
        long terms = 0;
        long entries = 0;
        int maxArity = 0;
        for (TermFamily family : families) {
            terms += family.count();
            entries += (long) family.count() * family.arity();
            maxArity = Math.max(maxArity, family.arity());
        }
        if (terms > MAX_ARRAY || entries > MAX_ARRAY) {
            throw new IllegalArgumentException("loss '" + lossName + "' declares " + terms + " terms with " + entries
                    + " support entries; at most " + MAX_ARRAY + " of each fit in an array");
        }
        int termCount = (int) terms;
        int[] termStart = new int[termCount + 1];
        int[] termVars = new int[(int) entries];
        int[] termFamily = new int[termCount];
        int[] familyFirst = new int[familyCount];
        IndexedTerm[] familyTerm = new IndexedTerm[familyCount];
        String[] familyLabel = new String[familyCount];
        int[] coordStart = new int[dimension + 1];
        // seen[j] == k + 1 while term k's support is checked: a duplicate shows at once.
        int[] seen = new int[dimension];
        int[] support = new int[Math.max(maxArity, 1)];

        int k = 0;
        int at = 0;
        for (int f = 0; f < familyCount; f++) {
            TermFamily family = families.get(f);
            familyFirst[f] = k;
            familyTerm[f] = family.term();
            familyLabel[f] = family.label();
            int arity = family.arity();
            for (int local = 0; local < family.count(); local++, k++) {
                family.support().fill(local, support);
                termStart[k] = at;
                termFamily[k] = f;
                for (int j = 0; j < arity; j++) {
                    int i = support[j];
                    if (i < 0 || i >= dimension) {
                        throw new IllegalArgumentException("loss '" + lossName + "': term '" + family.label() + "' #"
                                + local + " reads x[" + i + "], outside [0, " + dimension + ")");
                    }
                    if (seen[i] == k + 1) {
                        throw new IllegalArgumentException("loss '" + lossName + "': term '" + family.label() + "' #"
                                + local + " lists x[" + i + "] twice");
                    }
                    seen[i] = k + 1;
                    termVars[at++] = i;
                    coordStart[i + 1]++;
                }
            }
        }
        termStart[termCount] = at;

        // Invert the supports by counting sort; walking the terms in order keeps each
        // coordinate's row sorted by term number.
        for (int i = 0; i < dimension; i++) {
            coordStart[i + 1] += coordStart[i];
        }
        int[] coordTerms = new int[at];
        int[] coordPos = new int[at];
        int[] next = seen;
        System.arraycopy(coordStart, 0, next, 0, dimension);
        for (int t = 0; t < termCount; t++) {
            for (int p = termStart[t]; p < termStart[t + 1]; p++) {
                int slot = next[termVars[p]]++;
                coordTerms[slot] = t;
                coordPos[slot] = p - termStart[t];
            }
        }
        return new TermIndex(dimension, termCount, maxArity, termStart, termVars, termFamily, familyFirst,
                familyTerm, familyLabel, coordStart, coordTerms, coordPos);
    }

    int dimension() {
        return dimension;
    }

    int termCount() {
        return termCount;
    }

    /** The longest support: the size of the scratch array an evaluator gathers into. */
    int maxArity() {
        return maxArity;
    }

    int termsTouching(int i) {
        return coordStart[i + 1] - coordStart[i];
    }

    /** The first slot of coordinate i's row; the row ends at {@code rowStart(i + 1)}. */
    int rowStart(int i) {
        return coordStart[i];
    }

    /** The term in slot p of a coordinate row. */
    int termAt(int p) {
        return coordTerms[p];
    }

    /** The position, within its term's support, of the coordinate that owns slot p. */
    int positionAt(int p) {
        return coordPos[p];
    }

    /**
     * Copies term k's parameters from x into v.
     *
     * @param x the point. Not modified.
     * @param v output, length at least {@link #maxArity()}. Modified: v[j] = x[support_k[j]].
     */
    void gather(int k, double[] x, double[] v) {
        int from = termStart[k];
        int arity = termStart[k + 1] - from;
        for (int j = 0; j < arity; j++) {
            v[j] = x[termVars[from + j]];
        }
    }

    /**
     * Term k's value on the gathered parameters v.
     *
     * @throws TermEvaluationException if the term throws (checked or not), naming the term
     */
    double value(int k, double[] v) {
        int f = termFamily[k];
        try {
            return familyTerm[f].value(k - familyFirst[f], v);
        } catch (Exception e) {
            throw TermEvaluationException.threw(describe(k), e);
        }
    }

    /** E.g. {@code "term 'link' #41 on x[41], x[42]"}; long supports are elided after eight entries. */
    String describe(int k) {
        int f = termFamily[k];
        StringBuilder s = new StringBuilder("term '").append(familyLabel[f]).append("' #").append(k - familyFirst[f])
                .append(" on ");
        int from = termStart[k];
        int to = termStart[k + 1];
        for (int p = from; p < Math.min(to, from + 8); p++) {
            s.append(p == from ? "" : ", ").append("x[").append(termVars[p]).append(']');
        }
        if (to - from > 8) {
            s.append(", … (").append(to - from).append(" parameters)");
        }
        return s.toString();
    }
}
