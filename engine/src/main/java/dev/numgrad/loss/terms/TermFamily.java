package dev.numgrad.loss.terms;

/**
 * {@code count} like terms declared together: where term k reads and what it computes.
 *
 * @param label the family's name in messages
 * @param count number of terms
 * @param arity support size of every term
 * @param support writes term k's support
 * @param term the value of term k
 */
record TermFamily(String label, int count, int arity, TermSupport support, IndexedTerm term) {
}
