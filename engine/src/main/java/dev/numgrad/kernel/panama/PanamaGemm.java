package dev.numgrad.kernel.panama;

import static dev.numgrad.kernel.panama.PanamaConstants.LANES;
import static dev.numgrad.kernel.panama.PanamaConstants.SPECIES;

import jdk.incubator.vector.DoubleVector;

/**
 * C += A·B for {@link PanamaKernelSupport#gemm} (arguments checked there), register-blocked.
 *
 * <p>The vectors run along the rows of B and C, and an element of A is broadcast: a block of
 * C, 4 rows × 4 vectors (32 columns with AVX-512), stays in sixteen registers for the whole
 * inner loop, and per step k the 4 broadcasts of A[r][k] and the 4 loads of B[k][j..] feed 16
 * fmas: half a load per fma, where one {@code gemv} per sample needs more than one, and C is
 * loaded and stored once per block instead of once per k. Narrower blocks take the leftover
 * vectors (4 rows × 1 vector) and rows (1 × 1), a scalar loop the last {@code cols mod LANES}
 * columns. The k loop runs in chunks of {@value #INNER_BLOCK} so that the panel of B under a
 * block column stays in L1 while all the rows pass over it.
 *
 * <p>No horizontal reduction: each lane of an accumulator is one element of C, which receives
 * fma(A[r][k], B[k][j], C[r][j]) for k = 0, 1, … in order, exactly the scalar reference's
 * sequence. So the result is bit-identical to {@code ScalarKernelSupport}, interpreted or
 * compiled. (Vectorising along k instead, like {@code gemv}, would need a lane reduction per
 * element of C; sixteen of them do not fit C2's inlining budget in one block, and the
 * accumulators are then boxed.)
 */
final class PanamaGemm {

    /** Columns of a full block: four vectors. */
    private static final int BLOCK_COLS = 4 * LANES;

    /**
     * Steps k per pass over C: a panel of B of this many rows and {@link #BLOCK_COLS} columns
     * (128 × 32 doubles = 32 KB with AVX-512) stays in a 48 KB L1 while every block of rows of A
     * runs over it; without it the forward pass of {@code mlp(784,128,10,32)} streams its whole
     * 200 KB input batch from L2 once per four rows.
     */
    private static final int INNER_BLOCK = 128;

    private PanamaGemm() {
    }

    static void gemm(double[] a, int aOffset, int rows, int inner, double[] b, int bOffset, int cols,
                     double[] c, int cOffset) {
        // k in chunks, in order: every element of C still takes its fmas for k = 0, 1, … in turn
        for (int k0 = 0; k0 < inner; k0 += INNER_BLOCK) {
            int depth = Math.min(INNER_BLOCK, inner - k0);
            pass(a, aOffset + k0, rows, inner, depth, b, bOffset + k0 * cols, cols, c, cOffset);
        }
    }

    /**
     * C += A[·][k0, k0 + depth)·B[k0, k0 + depth)[·], panel by panel of B: {@code a0} is A[0][k0]
     * (rows {@code stride} apart), {@code b0} is B[k0][0].
     */
    private static void pass(double[] a, int a0, int rows, int stride, int depth, double[] b, int b0, int cols,
                             double[] c, int c0) {
        int limit = SPECIES.loopBound(cols);
        int j = 0;
        for (; j + BLOCK_COLS <= limit; j += BLOCK_COLS) {
            int r = 0;
            for (; r + 4 <= rows; r += 4) {
                fourRowsFourVectors(a, a0 + r * stride, stride, depth, b, b0 + j, cols, c, c0 + r * cols + j);
            }
            // leftover rows
            for (; r < rows; r++) {
                for (int v = 0; v < BLOCK_COLS; v += LANES) {
                    oneRowOneVector(a, a0 + r * stride, depth, b, b0 + j + v, cols, c, c0 + r * cols + j + v);
                }
            }
        }
        // vector tail: one vector at a time
        for (; j < limit; j += LANES) {
            int r = 0;
            for (; r + 4 <= rows; r += 4) {
                fourRowsOneVector(a, a0 + r * stride, stride, depth, b, b0 + j, cols, c, c0 + r * cols + j);
            }
            for (; r < rows; r++) {
                oneRowOneVector(a, a0 + r * stride, depth, b, b0 + j, cols, c, c0 + r * cols + j);
            }
        }
        // scalar tail
        for (; j < cols; j++) {
            for (int r = 0; r < rows; r++) {
                oneElement(a, a0 + r * stride, depth, b, b0 + j, cols, c, c0 + r * cols + j);
            }
        }
    }

    /**
     * C[r..r+3][j..j+4·LANES) += A[r..r+3][k0..k0+depth)·B[k0..k0+depth)[j..]: {@code a0} is
     * A[r][k0] (rows {@code stride} apart), {@code b0} is B[k0][j], {@code c0} is C[r][j].
     */
    private static void fourRowsFourVectors(double[] a, int a0, int stride, int depth, double[] b, int b0, int cols,
                                            double[] c, int c0) {
        int a1 = a0 + stride;
        int a2 = a1 + stride;
        int a3 = a2 + stride;
        int c1 = c0 + cols;
        int c2 = c1 + cols;
        int c3 = c2 + cols;
        // acc<row><vector>
        DoubleVector acc00 = DoubleVector.fromArray(SPECIES, c, c0);
        DoubleVector acc01 = DoubleVector.fromArray(SPECIES, c, c0 + LANES);
        DoubleVector acc02 = DoubleVector.fromArray(SPECIES, c, c0 + 2 * LANES);
        DoubleVector acc03 = DoubleVector.fromArray(SPECIES, c, c0 + 3 * LANES);
        DoubleVector acc10 = DoubleVector.fromArray(SPECIES, c, c1);
        DoubleVector acc11 = DoubleVector.fromArray(SPECIES, c, c1 + LANES);
        DoubleVector acc12 = DoubleVector.fromArray(SPECIES, c, c1 + 2 * LANES);
        DoubleVector acc13 = DoubleVector.fromArray(SPECIES, c, c1 + 3 * LANES);
        DoubleVector acc20 = DoubleVector.fromArray(SPECIES, c, c2);
        DoubleVector acc21 = DoubleVector.fromArray(SPECIES, c, c2 + LANES);
        DoubleVector acc22 = DoubleVector.fromArray(SPECIES, c, c2 + 2 * LANES);
        DoubleVector acc23 = DoubleVector.fromArray(SPECIES, c, c2 + 3 * LANES);
        DoubleVector acc30 = DoubleVector.fromArray(SPECIES, c, c3);
        DoubleVector acc31 = DoubleVector.fromArray(SPECIES, c, c3 + LANES);
        DoubleVector acc32 = DoubleVector.fromArray(SPECIES, c, c3 + 2 * LANES);
        DoubleVector acc33 = DoubleVector.fromArray(SPECIES, c, c3 + 3 * LANES);
        for (int k = 0; k < depth; k++) {
            int bk = b0 + k * cols;
            DoubleVector b0k = DoubleVector.fromArray(SPECIES, b, bk);
            DoubleVector b1k = DoubleVector.fromArray(SPECIES, b, bk + LANES);
            DoubleVector b2k = DoubleVector.fromArray(SPECIES, b, bk + 2 * LANES);
            DoubleVector b3k = DoubleVector.fromArray(SPECIES, b, bk + 3 * LANES);
            DoubleVector ak = DoubleVector.broadcast(SPECIES, a[a0 + k]);
            acc00 = ak.fma(b0k, acc00);
            acc01 = ak.fma(b1k, acc01);
            acc02 = ak.fma(b2k, acc02);
            acc03 = ak.fma(b3k, acc03);
            ak = DoubleVector.broadcast(SPECIES, a[a1 + k]);
            acc10 = ak.fma(b0k, acc10);
            acc11 = ak.fma(b1k, acc11);
            acc12 = ak.fma(b2k, acc12);
            acc13 = ak.fma(b3k, acc13);
            ak = DoubleVector.broadcast(SPECIES, a[a2 + k]);
            acc20 = ak.fma(b0k, acc20);
            acc21 = ak.fma(b1k, acc21);
            acc22 = ak.fma(b2k, acc22);
            acc23 = ak.fma(b3k, acc23);
            ak = DoubleVector.broadcast(SPECIES, a[a3 + k]);
            acc30 = ak.fma(b0k, acc30);
            acc31 = ak.fma(b1k, acc31);
            acc32 = ak.fma(b2k, acc32);
            acc33 = ak.fma(b3k, acc33);
        }
        acc00.intoArray(c, c0);
        acc01.intoArray(c, c0 + LANES);
        acc02.intoArray(c, c0 + 2 * LANES);
        acc03.intoArray(c, c0 + 3 * LANES);
        acc10.intoArray(c, c1);
        acc11.intoArray(c, c1 + LANES);
        acc12.intoArray(c, c1 + 2 * LANES);
        acc13.intoArray(c, c1 + 3 * LANES);
        acc20.intoArray(c, c2);
        acc21.intoArray(c, c2 + LANES);
        acc22.intoArray(c, c2 + 2 * LANES);
        acc23.intoArray(c, c2 + 3 * LANES);
        acc30.intoArray(c, c3);
        acc31.intoArray(c, c3 + LANES);
        acc32.intoArray(c, c3 + 2 * LANES);
        acc33.intoArray(c, c3 + 3 * LANES);
    }

    /** One vector of C in each of four rows: four fmas per load of B. */
    private static void fourRowsOneVector(double[] a, int a0, int stride, int depth, double[] b, int b0, int cols,
                                          double[] c, int c0) {
        int a1 = a0 + stride;
        int a2 = a1 + stride;
        int a3 = a2 + stride;
        int c1 = c0 + cols;
        int c2 = c1 + cols;
        int c3 = c2 + cols;
        DoubleVector acc0 = DoubleVector.fromArray(SPECIES, c, c0);
        DoubleVector acc1 = DoubleVector.fromArray(SPECIES, c, c1);
        DoubleVector acc2 = DoubleVector.fromArray(SPECIES, c, c2);
        DoubleVector acc3 = DoubleVector.fromArray(SPECIES, c, c3);
        for (int k = 0; k < depth; k++) {
            DoubleVector bk = DoubleVector.fromArray(SPECIES, b, b0 + k * cols);
            acc0 = DoubleVector.broadcast(SPECIES, a[a0 + k]).fma(bk, acc0);
            acc1 = DoubleVector.broadcast(SPECIES, a[a1 + k]).fma(bk, acc1);
            acc2 = DoubleVector.broadcast(SPECIES, a[a2 + k]).fma(bk, acc2);
            acc3 = DoubleVector.broadcast(SPECIES, a[a3 + k]).fma(bk, acc3);
        }
        acc0.intoArray(c, c0);
        acc1.intoArray(c, c1);
        acc2.intoArray(c, c2);
        acc3.intoArray(c, c3);
    }

    /** One vector of one row of C. */
    private static void oneRowOneVector(double[] a, int a0, int depth, double[] b, int b0, int cols,
                                        double[] c, int c0) {
        DoubleVector acc = DoubleVector.fromArray(SPECIES, c, c0);
        for (int k = 0; k < depth; k++) {
            acc = DoubleVector.broadcast(SPECIES, a[a0 + k]).fma(DoubleVector.fromArray(SPECIES, b, b0 + k * cols), acc);
        }
        acc.intoArray(c, c0);
    }

    /** One element of C: c[c0] += Σ_k a[a0 + k]·b[b0 + k·cols] for k in [0, depth), in order. */
    private static void oneElement(double[] a, int a0, int depth, double[] b, int b0, int cols, double[] c, int c0) {
        double acc = c[c0];
        for (int k = 0; k < depth; k++) {
            acc = Math.fma(a[a0 + k], b[b0 + k * cols], acc);
        }
        c[c0] = acc;
    }
}
