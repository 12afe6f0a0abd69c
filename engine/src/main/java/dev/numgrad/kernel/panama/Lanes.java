package dev.numgrad.kernel.panama;

import static dev.numgrad.kernel.panama.PanamaConstants.LANES;

import jdk.incubator.vector.DoubleVector;

/** Horizontal operations shared by the Panama kernels. */
final class Lanes {

    private Lanes() {
    }

    /**
     * The sum of the lanes, in lane order. Not {@code reduceLanes(ADD)}: its order is
     * unspecified, and HotSpot's C2 intrinsic and the Java fallback that runs before C2 compiles
     * a kernel do add in different orders, so the same call rounded differently before and after
     * warm-up (27 of 50 dot products of length 4099 changed in their last bits). A fixed order
     * keeps every reduction reproducible within and across runs, at a cost of a few lane
     * extractions once per reduction.
     */
    static double sum(DoubleVector v) {
        double sum = v.lane(0);
        for (int lane = 1; lane < LANES; lane++) {
            sum += v.lane(lane);
        }
        return sum;
    }
}
