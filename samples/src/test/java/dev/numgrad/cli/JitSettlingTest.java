package dev.numgrad.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The extra warm-up rule on a scripted compiler and clock: JIT activity, the budget, no signal. */
class JitSettlingTest {

    private final AtomicLong compiled = new AtomicLong(100);
    private final AtomicLong clock = new AtomicLong(5_000_000_000L);
    private final JitSettling settling = new JitSettling(compiled::get, clock::get, Duration.ofMillis(50));

    /** One gradient lasting {@code millis}, during which the JIT compiled for {@code compileMillis}. */
    private void gradient(long millis, long compileMillis) {
        settling.beforeGradient();
        compiled.addAndGet(compileMillis);
        clock.addAndGet(millis * 1_000_000);
    }

    @Test
    void stopsAtTheFirstGradientWithoutACompile() {
        gradient(10, 0);
        assertFalse(settling.anotherGradient(), "nothing compiled during the last warm-up gradient");
    }

    @Test
    void continuesWhileTheJitCompilesThenStops() {
        gradient(10, 30);
        assertTrue(settling.anotherGradient(), "a compile completed during the last asked-for gradient");
        gradient(10, 4);
        assertTrue(settling.anotherGradient());
        gradient(10, 0);
        assertFalse(settling.anotherGradient());
    }

    @Test
    void theBudgetBoundsTheExtraGradientsEvenWhileTheJitNeverRests() {
        gradient(10, 1);
        int extra = 0;
        while (settling.anotherGradient()) {
            gradient(10, 1);
            extra++;
            assertTrue(extra < 100, "no end");
        }
        // the budget (50 ms) starts at the first decision: five 10-ms gradients fit
        assertTrue(extra == 5, "extra gradients: " + extra);
    }

    @Test
    void withoutACompileClockNoGradientIsAdded() {
        JitSettling blind = new JitSettling(null, clock::get, Duration.ofSeconds(2));
        blind.beforeGradient();
        assertFalse(blind.anotherGradient());
    }
}
