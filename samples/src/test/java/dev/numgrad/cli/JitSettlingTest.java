package dev.numgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The extra warm-up rule on a scripted compiler and clock (quiet spell 30 ms, budget 100 ms):
 * JIT activity, a quiet spell, the budget, no signal.
 */
class JitSettlingTest {

    private final AtomicLong compiled = new AtomicLong(100);
    private final AtomicLong clock = new AtomicLong(5_000_000_000L);
    private final JitSettling settling =
            new JitSettling(compiled::get, clock::get, Duration.ofMillis(30), Duration.ofMillis(100));

    /** One warm-up gradient lasting {@code millis}, during which the JIT compiled for {@code compileMillis}. */
    private void gradient(long millis, long compileMillis) {
        settling.beforeGradient();
        compiled.addAndGet(compileMillis);
        clock.addAndGet(millis * 1_000_000);
    }

    /** Extra gradients of {@code millis} each, compiling by {@code compiles[k]}, until the rule stops. */
    private int extraGradients(long millis, long... compiles) {
        int extra = 0;
        while (settling.anotherGradient()) {
            gradient(millis, extra < compiles.length ? compiles[extra] : 0);
            extra++;
            assertTrue(extra < 1000, "no end");
        }
        return extra;
    }

    @Test
    void aQuietWarmupAddsNothing() {
        gradient(10, 0);
        gradient(10, 0);
        assertFalse(settling.anotherGradient(), "nothing compiled during the asked-for warm-up");
    }

    @Test
    void continuesUntilNoCompileForTheQuietSpell() {
        gradient(10, 30); // the asked-for gradient compiled
        // then compiles in the first and third extra gradients: quiet from the fourth on, and
        // 30 ms (three gradients) of it settle the warm-up
        assertEquals(6, extraGradients(10, 5, 0, 2));
    }

    @Test
    void oneLongQuietGradientSettlesItByItself() {
        gradient(10, 30);
        assertEquals(1, extraGradients(40));
    }

    @Test
    void theBudgetBoundsTheExtraGradientsEvenWhileTheJitNeverRests() {
        gradient(10, 1);
        long[] always = new long[1000];
        java.util.Arrays.fill(always, 1);
        // the budget (100 ms) starts at the first decision: ten 10-ms gradients fit
        assertEquals(10, extraGradients(10, always));
    }

    @Test
    void withoutACompileClockNoGradientIsAdded() {
        JitSettling blind = new JitSettling(null, clock::get, Duration.ofMillis(30), Duration.ofSeconds(2));
        blind.beforeGradient();
        assertFalse(blind.anotherGradient());
    }
}
