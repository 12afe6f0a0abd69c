package dev.numgrad.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void constant() {
        LearningRateSchedule s = LearningRateSchedule.constant();
        assertEquals(1, s.multiplier(0));
        assertEquals(1, s.multiplier(1_000_000));
        assertEquals(0.03, s.learningRate(17, 0.03));
    }

    @Test
    void stepDecayDropsAtMultiplesOfItsInterval() {
        LearningRateSchedule s = LearningRateSchedule.stepDecay(10, 0.5);
        assertEquals(1, s.multiplier(0));
        assertEquals(1, s.multiplier(9));
        assertEquals(0.5, s.multiplier(10));
        assertEquals(0.25, s.multiplier(29));
        assertEquals(0.125, s.multiplier(30));
        assertEquals(0.0125, s.learningRate(30, 0.1), 1e-18);
    }

    @Test
    void exponential() {
        LearningRateSchedule s = LearningRateSchedule.exponential(0.9);
        assertEquals(1, s.multiplier(0));
        assertEquals(0.9 * 0.9 * 0.9, s.multiplier(3), 1e-16);
    }

    @Test
    void cosineFallsFromOneToItsFloorAndStays() {
        // η_t = 0.1 + 0.9·(1 + cos(πt/100))/2: 1 at t = 0, 0.55 at the middle, 0.1 at the end;
        // at t = 25, cos(π/4) = √2/2 gives 0.1 + 0.45·(1 + √2/2).
        LearningRateSchedule s = LearningRateSchedule.cosine(100, 0.1);
        assertEquals(1, s.multiplier(0), 1e-16);
        assertEquals(0.1 + 0.45 * (1 + Math.sqrt(0.5)), s.multiplier(25), 1e-15);
        assertEquals(0.55, s.multiplier(50), 1e-15);
        assertEquals(0.1, s.multiplier(100));
        assertEquals(0.1, s.multiplier(1000));
        for (int t = 1; t <= 100; t++) {
            assertTrue(s.multiplier(t) <= s.multiplier(t - 1), "not decreasing at " + t);
        }
    }

    @Test
    void warmupRampsLinearlyThenHandsOverWithAFreshClock() {
        LearningRateSchedule cosine = LearningRateSchedule.cosine(100, 0);
        LearningRateSchedule s = LearningRateSchedule.warmup(4, cosine);
        assertEquals(0.25, s.multiplier(0));
        assertEquals(0.5, s.multiplier(1));
        assertEquals(0.75, s.multiplier(2));
        assertEquals(1, s.multiplier(3));
        assertEquals(cosine.multiplier(0), s.multiplier(4));
        assertEquals(cosine.multiplier(50), s.multiplier(54));
        assertEquals(0, s.multiplier(104), 1e-16);
    }

    @Test
    void parametersAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.stepDecay(0, 0.5));
        IllegalArgumentException factor = assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.stepDecay(10, 1.5));
        assertEquals("step-decay factor must be in (0, 1], got 1.5", factor.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.stepDecay(10, 0));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.exponential(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.exponential(-0.5));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(0, 0));
        IllegalArgumentException floor = assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.cosine(10, 1.1));
        assertEquals("cosine floor must be in [0, 1], got 1.1", floor.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(10, Double.NaN));
        IllegalArgumentException warm = assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.warmup(0, LearningRateSchedule.constant()));
        assertEquals("warm-up length must be at least 1, got 0", warm.getMessage());
        assertThrows(NullPointerException.class, () -> LearningRateSchedule.warmup(5, null));
    }
}
