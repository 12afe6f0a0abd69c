package dev.numgrad.optim;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.eclipse.collections.api.list.primitive.ImmutableDoubleList;
import org.eclipse.collections.api.list.primitive.ImmutableLongList;

/**
 * One row per evaluated iterate of a run: row k is iterate k (row 0 the start). If the run
 * diverged on an evaluated iterate, that iterate is the last row, so a plot shows the blow-up;
 * an iterate that was non-finite itself is never evaluated and has no row.
 *
 * @param loss f at each iterate
 * @param gradientNorm ‖∇f‖₂ at each iterate, before clipping
 * @param learningRate the scheduled rate of the step leaving each iterate (for the last row,
 *     the rate the next step would have used)
 * @param elapsedNanos wall-clock nanoseconds from the start of the run to each row
 */
public record DescentTrace(ImmutableDoubleList loss, ImmutableDoubleList gradientNorm,
                           ImmutableDoubleList learningRate, ImmutableLongList elapsedNanos) {

    /** The CSV header written by {@link #writeCsv(Appendable)}. */
    public static final String CSV_HEADER = "iteration,loss,gradient_norm,learning_rate,elapsed_seconds";

    /**
     * Validates the columns.
     *
     * @throws IllegalArgumentException if the columns differ in length
     */
    public DescentTrace {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(gradientNorm, "gradientNorm");
        Objects.requireNonNull(learningRate, "learningRate");
        Objects.requireNonNull(elapsedNanos, "elapsedNanos");
        int rows = loss.size();
        if (gradientNorm.size() != rows || learningRate.size() != rows || elapsedNanos.size() != rows) {
            throw new IllegalArgumentException("trace columns differ in length: " + rows + ", "
                    + gradientNorm.size() + ", " + learningRate.size() + ", " + elapsedNanos.size());
        }
    }

    /** {@return the number of rows} */
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
     * Writes {@link #CSV_HEADER} and one line per row. Numbers are written with
     * {@link Double#toString(double)}, which round-trips exactly; non-finite values appear as
     * {@code NaN} or {@code Infinity}.
     *
     * @param out where the lines go
     * @throws IOException if {@code out} fails
     */
    public void writeCsv(Appendable out) throws IOException {
        out.append(CSV_HEADER).append('\n');
        for (int k = 0; k < size(); k++) {
            out.append(Integer.toString(k)).append(',')
                    .append(Double.toString(loss.get(k))).append(',')
                    .append(Double.toString(gradientNorm.get(k))).append(',')
                    .append(Double.toString(learningRate.get(k))).append(',')
                    .append(Double.toString(elapsedNanos.get(k) / 1e9)).append('\n');
        }
    }

    /**
     * As {@link #writeCsv(Appendable)}, to a UTF-8 file that is created or replaced.
     *
     * @param file the file
     * @throws IOException if the file cannot be written
     */
    public void writeCsv(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeCsv(out);
        }
    }
}
