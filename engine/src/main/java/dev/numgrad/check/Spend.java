package dev.numgrad.check;

/** What a check has spent against its {@link CheckBudget}: evaluations and time. Not thread-safe. */
final class Spend {

    private final CheckBudget budget;
    private final long start = System.nanoTime();
    private long evaluations;
    private boolean exhausted;

    Spend(CheckBudget budget) {
        this.budget = budget;
    }

    void add(long count) {
        evaluations += count;
    }

    long evaluations() {
        return evaluations;
    }

    long elapsedNanos() {
        return System.nanoTime() - start;
    }

    /**
     * Whether {@code count} more evaluations fit the budget and time is left, keeping one for the
     * purity check's second f(x); once false, the budget stays exhausted so that the report can
     * say so.
     */
    boolean affords(long count) {
        if (exhausted) {
            return false;
        }
        boolean fits = evaluations + count + 1 <= budget.evaluations()
                && (budget.time() == null || elapsedNanos() < budget.time().toNanos());
        exhausted = !fits;
        return fits;
    }

    boolean exhausted() {
        return exhausted;
    }

    String describeBudget() {
        StringBuilder text = new StringBuilder();
        if (budget.evaluations() != Long.MAX_VALUE) {
            text.append(budget.evaluations()).append(" evaluations");
        }
        if (budget.time() != null) {
            text.append(text.isEmpty() ? "" : " or ").append(budget.time().toMillis()).append(" ms");
        }
        return text.toString();
    }
}
