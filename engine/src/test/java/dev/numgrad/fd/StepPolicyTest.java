package dev.numgrad.fd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.InvalidStepException;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StepPolicyTest {

    private static final double EPS = Math.ulp(1.0);

    @Test
    void zeroNegativeAndNonFiniteStepsAreRejectedOnConstruction() {
        for (double bad : new double[] {0.0, -0.0, -1e-4, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            InvalidStepException a = assertThrows(InvalidStepException.class, () -> StepPolicy.absolute(bad));
            assertTrue(a.getMessage().contains("step h = " + bad), a.getMessage());
            assertEquals(InvalidStepException.NO_COORDINATE, a.coordinate());
            InvalidStepException r = assertThrows(InvalidStepException.class, () -> StepPolicy.relative(bad));
            assertTrue(r.getMessage().contains("relative step r = " + bad), r.getMessage());
        }
    }

    @Test
    void scaledStepFollowsTheOrderRoundedDownToAPowerOfTwo() {
        StepPolicy policy = StepPolicy.scaledToScheme();
        double[] xs = {0.0, -0.0, 0.3, -1.0, 1.0, 3.0, -1234.5, 1e10, Double.MIN_VALUE};
        for (Scheme scheme : Scheme.all()) {
            double ideal = Math.pow(EPS, 1.0 / (scheme.order() + 1));
            for (double x : xs) {
                double h = policy.step(scheme, x);
                double target = ideal * Math.max(Math.abs(x), 1);
                assertEquals(h, Math.scalb(1.0, Math.getExponent(h)), "power of two: " + scheme.id() + " x=" + x);
                assertTrue(h <= target && h > target / 2, scheme.id() + " x=" + x + ": h=" + h + " target=" + target);
            }
        }
        // √ε = 2^-26 exactly; below |x| = 1 the scale is 1.
        assertEquals(0x1p-26, policy.step(Scheme.forward(), 0.25));
    }

    @Test
    void scaledStepsGiveExactlyRepresentablePerturbations() {
        long seed = 20261123L;
        SplittableRandom random = new SplittableRandom(seed);
        StepPolicy policy = StepPolicy.scaledToScheme();
        int checked = 0;
        for (int k = 0; k < 5_000; k++) {
            double x = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-8, 9));
            for (Scheme scheme : Scheme.all()) {
                double h = policy.step(scheme, x);
                for (double offset : new double[] {h, -h, 2 * h, -2 * h, h / 2, -h / 2}) {
                    double moved = x + offset;
                    if (Math.getExponent(moved) > Math.getExponent(x)) {
                        continue; // crossing into a larger binade may round: documented
                    }
                    BigDecimal exact = new BigDecimal(x).add(new BigDecimal(offset));
                    assertEquals(0, exact.compareTo(new BigDecimal(moved)),
                            "seed " + seed + ": x=" + x + " + " + offset + " rounded (" + scheme.id() + ")");
                    checked++;
                }
            }
        }
        assertTrue(checked > 100_000, "checked " + checked);
    }

    @Test
    void relativeStepScalesWithTheCoordinateAndIsTheForwardStepActuallyTaken() {
        StepPolicy policy = StepPolicy.relative(1e-6);
        for (double x : new double[] {0.0, 0.5, -3.0, 1e3, 0.1}) {
            double h = policy.step(Scheme.central(), x);
            assertEquals(1e-6 * Math.max(Math.abs(x), 1), h, 1e-15 * Math.max(Math.abs(x), 1), "x=" + x);
            assertEquals(h, (x + h) - x, "x=" + x);
        }
    }

    @Test
    void absoluteStepIsUsedAsGiven() {
        assertEquals(1e-4, StepPolicy.absolute(1e-4).step(Scheme.forward(), 3.0));
    }

    @Test
    void checkedStepRejectsAStepThatVanishesAtTheCoordinate() {
        InvalidStepException e = assertThrows(InvalidStepException.class,
                () -> StepPolicy.absolute(1e-30).checkedStep(Scheme.central(), 1.0, 7));
        assertEquals(7, e.coordinate());
        assertTrue(e.getMessage().contains("x[7] = 1.0") && e.getMessage().contains("x + h == x"), e.getMessage());
    }

    @Test
    void checkedStepRejectsAnInfiniteStepOrOverflowingPerturbation() {
        InvalidStepException infinite = assertThrows(InvalidStepException.class,
                () -> StepPolicy.relative(1e300).checkedStep(Scheme.central(), 1e100, 2));
        assertEquals(2, infinite.coordinate());
        assertTrue(infinite.getMessage().contains("positive and finite"), infinite.getMessage());

        InvalidStepException overflow = assertThrows(InvalidStepException.class,
                () -> StepPolicy.absolute(1e308).checkedStep(Scheme.fivePoint(), 1e308, 4));
        assertEquals(4, overflow.coordinate());
        assertTrue(overflow.getMessage().contains("overflows"), overflow.getMessage());
    }

    @Test
    void checkedStepReturnsTheStep() {
        StepPolicy policy = StepPolicy.scaledToScheme();
        assertEquals(policy.step(Scheme.central(), 2.5), policy.checkedStep(Scheme.central(), 2.5, 0));
    }
}
