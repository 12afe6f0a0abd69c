package dev.numgrad.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An optimizer step allocates nothing: 2 000 steps over 1 000 parameters stay under 4 KiB of
 * allocation on this thread, where a single 16-byte object per step would already be 32 KB.
 */
class StepAllocationTest {

    static Stream<Optimizer> optimizers() {
        return Stream.of(new Sgd(1e-3), new Momentum(1e-3), new Nesterov(1e-3), new AdaGrad(1e-3),
                new RmsProp(1e-3), new Adam(1e-3), new AdamW(1e-3, 1e-4));
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void stepsDoNotAllocate(Optimizer optimizer) {
        Assumptions.assumeTrue(ManagementFactory.getThreadMXBean() instanceof ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled(),
                "this JVM does not measure per-thread allocation");
        ThreadMXBean bean = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        int n = 1000;
        double[] x = new double[n];
        double[] gradient = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.sin(i);
            gradient[i] = Math.cos(i);
        }
        OptimizerState state = optimizer.newState(n);
        state.step(x, gradient, 1e-3);
        long before = bean.getCurrentThreadAllocatedBytes();
        for (int step = 0; step < 2_000; step++) {
            state.step(x, gradient, 1e-3);
        }
        long allocated = bean.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 4096, optimizer.name() + " allocated " + allocated + " bytes in 2 000 steps");
    }
}
