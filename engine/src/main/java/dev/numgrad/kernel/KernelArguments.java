package dev.numgrad.kernel;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Range checks shared by every {@link KernelSupport} implementation, so that the scalar and
 * the Panama kernels reject exactly the same calls with the same message, once per call and
 * before any element is written. (Vector loads check their own bounds too, but a vector
 * kernel could otherwise have written part of an output before failing.)
 */
public final class KernelArguments {

    private KernelArguments() {
    }

    /**
     * Checks that {@code [offset, offset + length)} lies inside {@code array}.
     *
     * @param array  the array; not modified
     * @param name   the parameter name for the message
     * @param offset the first element
     * @param length the number of elements
     * @throws IndexOutOfBoundsException naming the parameter and the range
     */
    public static void checkRange(double[] array, String name, int offset, int length) {
        Objects.requireNonNull(array, name);
        if (offset < 0 || length < 0 || offset > array.length - length) {
            throw new IndexOutOfBoundsException(name + ": range [" + offset + ", " + offset + " + " + length
                    + ") out of bounds for length " + array.length);
        }
    }

    /**
     * Checks that {@code [from, to)} lies inside {@code array}.
     *
     * @param array the array; not modified
     * @param name  the parameter name for the message
     * @param from the first element
     * @param to one past the last element
     * @throws IndexOutOfBoundsException naming the parameter and the range
     */
    public static void checkFromTo(double[] array, String name, int from, int to) {
        Objects.requireNonNull(array, name);
        if (from < 0 || from > to || to > array.length) {
            throw new IndexOutOfBoundsException(name + ": range [" + from + ", " + to
                    + ") out of bounds for length " + array.length);
        }
    }

    /**
     * Checks that elements [from, to) of a segment of doubles exist: from ≤ to and
     * 8·to ≤ its size.
     *
     * @param segment the doubles; not modified
     * @param name the parameter's name, for the message
     * @param from the first element
     * @param to one past the last element
     * @throws IndexOutOfBoundsException if [from, to) is not a range of the segment's elements
     */
    public static void checkFromTo(MemorySegment segment, String name, int from, int to) {
        Objects.requireNonNull(segment, name);
        if (from < 0 || from > to || (long) to * Double.BYTES > segment.byteSize()) {
            throw new IndexOutOfBoundsException(name + ": range [" + from + ", " + to
                    + ") out of bounds for " + segment.byteSize() / Double.BYTES + " doubles");
        }
    }

    /**
     * Checks a row-major {@code rows × cols} matrix stored from {@code offset} in {@code a}.
     *
     * @param a the matrix storage; not modified
     * @param offset the position of element [0, 0]
     * @param rows the number of rows
     * @param cols the number of columns
     * @throws IllegalArgumentException  if rows or cols is negative
     * @throws IndexOutOfBoundsException if the matrix does not fit in {@code a}
     */
    public static void checkMatrix(double[] a, int offset, int rows, int cols) {
        checkMatrix(a, "a", offset, rows, cols);
    }

    /**
     * Checks a row-major {@code rows × cols} matrix stored from {@code offset} in {@code array},
     * e.g. a batch of {@code rows} samples of {@code cols} elements each.
     *
     * @param array the matrix storage; not modified
     * @param name  the parameter name for the messages
     * @param offset the position of element [0, 0]
     * @param rows the number of rows
     * @param cols the number of columns
     * @throws IllegalArgumentException  if rows or cols is negative
     * @throws IndexOutOfBoundsException if the matrix does not fit in {@code array}
     */
    public static void checkMatrix(double[] array, String name, int offset, int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException(name + ": matrix shape " + rows + " x " + cols + " is negative");
        }
        long size = (long) rows * cols;
        if (size > Integer.MAX_VALUE) {
            throw new IndexOutOfBoundsException(name + ": matrix " + rows + " x " + cols + " exceeds an array");
        }
        checkRange(array, name, offset, (int) size);
    }

    /**
     * Checks a row-major {@code rows × cols} matrix of doubles stored from byte 0 of {@code a}.
     *
     * @param a the matrix storage; not modified
     * @param rows the number of rows
     * @param cols the number of columns
     * @throws IllegalArgumentException  if rows or cols is negative
     * @throws IndexOutOfBoundsException if the matrix does not fit in {@code a}
     */
    public static void checkMatrix(MemorySegment a, int rows, int cols) {
        Objects.requireNonNull(a, "a");
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("a: matrix shape " + rows + " x " + cols + " is negative");
        }
        long bytes = (long) rows * cols * Double.BYTES;
        if (bytes > a.byteSize()) {
            throw new IndexOutOfBoundsException("a: matrix " + rows + " x " + cols + " needs " + bytes
                    + " bytes, segment has " + a.byteSize());
        }
    }

    /**
     * Checks the coefficient rows of {@link KernelSupport#powerSeries}: {@code terms ≥ 1} rows of
     * {@code length} elements, {@code stride} apart from {@code offset}.
     *
     * @param coefficients the coefficient storage; not modified
     * @param offset the position of the first row
     * @param stride the distance between rows
     * @param terms the number of rows
     * @param length the elements per row
     * @throws IllegalArgumentException  if terms is below 1 or stride is negative
     * @throws IndexOutOfBoundsException if the last row does not fit
     */
    public static void checkSeries(double[] coefficients, int offset, int stride, int terms, int length) {
        if (terms < 1) {
            throw new IllegalArgumentException("power series needs at least 1 term, got " + terms);
        }
        if (stride < 0) {
            throw new IllegalArgumentException("coefficient stride " + stride + " is negative");
        }
        long lastRow = offset + (long) (terms - 1) * stride;
        if (lastRow > Integer.MAX_VALUE) {
            throw new IndexOutOfBoundsException("coefficients: row " + (terms - 1) + " starts at " + lastRow
                    + ", beyond any array");
        }
        checkRange(coefficients, "coefficients", offset, length);
        checkRange(coefficients, "coefficients", (int) lastRow, length);
    }

    /**
     * Checks the arguments of {@link KernelSupport#gemvProbes} other than the matrix and x: the
     * probe arrays, every coordinate in [0, cols), the output blocks and the scratch length.
     *
     * @param coordinates one coordinate per probe; not modified
     * @param steps one step per probe; not modified
     * @param count the number of probes
     * @param rows the matrix's rows, the length of one output block
     * @param cols the matrix's columns
     * @param y the output; not modified
     * @param yOffset where the first block starts
     * @param work the scratch; not modified
     * @throws IllegalArgumentException if count is negative
     * @throws IndexOutOfBoundsException naming the array, the range or the coordinate
     */
    public static void checkProbes(int[] coordinates, double[] steps, int count, int rows, int cols,
                                   double[] y, int yOffset, double[] work) {
        Objects.requireNonNull(coordinates, "coordinates");
        if (count < 0) {
            throw new IllegalArgumentException("probe count " + count + " is negative");
        }
        if (count > coordinates.length) {
            throw new IndexOutOfBoundsException("coordinates: " + count + " probes, length " + coordinates.length);
        }
        checkRange(steps, "steps", 0, count);
        for (int j = 0; j < count; j++) {
            Objects.checkIndex(coordinates[j], cols);
        }
        checkMatrix(y, "y", yOffset, count, rows);
        checkRange(work, "work", 0, KernelSupport.probeWorkLength(cols));
    }
}
