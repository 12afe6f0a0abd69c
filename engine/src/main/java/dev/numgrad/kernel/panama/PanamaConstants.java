package dev.numgrad.kernel.panama;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one place that chooses vector shapes. {@link DoubleVector#SPECIES_PREFERRED} is the
 * widest shape the CPU runs natively (8 doubles with AVX-512, 4 with AVX2, 2 with NEON/SSE),
 * so the kernels never hard-code a lane count.
 */
final class PanamaConstants {

    /** The species every kernel uses. */
    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    /** Lanes per vector of {@link #SPECIES}. */
    static final int LANES = SPECIES.length();

    /**
     * Below this length a reduction kernel runs the scalar loop: setting up four accumulators
     * and reducing them costs more than it saves on a couple of vectors (Lucene uses the same
     * 2-vector threshold).
     */
    static final int MIN_VECTOR_LENGTH = 2 * LANES;

    private PanamaConstants() {
    }
}
