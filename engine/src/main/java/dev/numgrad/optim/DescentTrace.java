package dev.numgrad.optim;

import java.io.IOException;
import java.util.Objects;
import org.eclipse.collections.api.list.primitive.ImmutableDoubleList;
import org.eclipse.collections.api.list.primitive.ImmutableIntList;
import org.eclipse.collections.api.list.primitive.ImmutableLongList;

/**
 * One row per evaluated iterate of a run: row 0 is the start. If the run diverged on an evaluated
 * iterate, that iterate is the last row, so a plot shows the blow-up; an iterate that was
 * non-finite itself is never evaluated and has no row.
 *
 * <p>A run longer than {@link #MAX_ROWS} iterates keeps its memory bounded by thinning: the
 * trace then holds every 2nd, 4th, … iterate (evenly spread over the whole run, always including
 * the start and the last evaluated iterate), and {@link #iteration()} says which. {@link #thinned()}
 * tells whether that happened.
 *
 * @param iteration the index of the iterate each row records, increasing; 0 is the start
 * @param loss f at each row's iterate
 * @param gradientNorm ‖∇f‖₂ at each row's iterate, before clipping
 * @param learningRate the scheduled rate of the step leaving each row's iterate (for the last
 *     row, the rate the next step would have used)
 * @param elapsedNanos wall-clock nanoseconds from the start of the run to each row
 */
public record DescentTrace(ImmutableIntList iteration, ImmutableDoubleList loss, ImmutableDoubleList gradientNorm,
                           ImmutableDoubleList learningRate, ImmutableLongList elapsedNanos) {

    /**
     * The most rows a trace keeps: 2¹⁸ = 262,144 rows of 36 bytes, about 9 MiB, however many
     * steps the run takes. Plenty for a plot (a few thousand pixels wide) and for the CSV of any
     * run up to that many steps, which is kept whole.
     */
    public static final int MAX_ROWS = 1 << 18;

    /** The CSV header written by {@link #writeCsv(Appendable)}. */
    public static final String CSV_HEADER = "iteration,loss,gradient_norm,learning_rate,elapsed_seconds";

    /**
     * Checks that the columns have one length.
     *
     * @throws IllegalArgumentException if they differ
     */
    public DescentTrace {
        Objects.requireNonNull(iteration, "iteration");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(gradientNorm, "gradientNorm");
        Objects.requireNonNull(learningRate, "learningRate");
        Objects.requireNonNull(elapsedNanos, "elapsedNanos");
        int rows = loss.size();
        if (iteration.size() != rows || gradientNorm.size() != rows || learningRate.size() != rows
                || elapsedNanos.size() != rows) {
            throw new IllegalArgumentException("trace columns differ in length: " + iteration.size() + ", " + rows
                    + ", " + gradientNorm.size() + ", " + learningRate.size() + ", " + elapsedNanos.size());
        }
    }

    /**
     * Number of rows.
     *
     * @return the rows held (fewer than the iterates when {@link #thinned()})
     */
    public int size() {
        return loss.size();
    }

    /** {@return f at each iterate, as a fresh array} */
    public double[] lossArray() {
        return loss.toArray();
    }

    /** {@return ‖∇f‖₂ at each iterate, before clipping, as a fresh array} */
    public double[] gradientNormArray() {
        return gradientNorm.toArray();
    }

    /** {@return the scheduled learning rate of each row, as a fresh array} */
    public double[] learningRateArray() {
        return learningRate.toArray();
    }

    /** {@return the nanoseconds from the start of the run to each row, as a fresh array} */
    public long[] elapsedNanosArray() {
        return elapsedNanos.toArray();
    }

    /**
     * Whether rows were dropped to keep the trace within {@link #MAX_ROWS}.
     *
     * @return true when some evaluated iterate has no row
     */
    public boolean thinned() {
        return size() > 0 && iteration.getLast() + 1 > size();
    }

    /**
     * Writes {@link #CSV_HEADER} and one line per row. Numbers are written with
     * {@link Double#toString(double)}, which round-trips exactly; non-finite values appear as
     * {@code NaN} or {@code Infinity}.
     *
     * <p>There is deliberately no variant that writes a file: where a file goes, and how it is
     * replaced without leaving a truncated one behind (a temporary file and an atomic move, as the
     * command line does), is the caller's policy, not the engine's.
     *
     * @param out where the text goes
     * @throws IOException what {@code out} throws
     */
    public void writeCsv(Appendable out) throws IOException {
        out.append(CSV_HEADER).append('\n');
        for (int row = 0; row < size(); row++) {
            out.append(Integer.toString(iteration.get(row))).append(',')
                    .append(Double.toString(loss.get(row))).append(',')
                    .append(Double.toString(gradientNorm.get(row))).append(',')
                    .append(Double.toString(learningRate.get(row))).append(',')
                    .append(Double.toString(elapsedNanos.get(row) / 1e9)).append('\n');
        }
    }
}
