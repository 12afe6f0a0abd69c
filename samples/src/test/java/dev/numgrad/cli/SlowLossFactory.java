package dev.numgrad.cli;

import dev.numgrad.cluster.LossFactory;
import dev.numgrad.loss.Loss;
import java.util.concurrent.locks.LockSupport;

/**
 * A loss slow enough to kill a worker process in the middle of a gradient:
 * Σ (i + 1)·x_i² + cos(x_i), pausing the argument's microseconds per evaluation.
 * Argument: {@code n,micros}. On the worker processes' class path because they run with the
 * test class path.
 */
public final class SlowLossFactory implements LossFactory {

    @Override
    public Loss create(String argument) {
        String[] parts = argument.split(",");
        int n = Integer.parseInt(parts[0]);
        long pauseNanos = Long.parseLong(parts[1]) * 1000;
        return Loss.of("slow(" + argument + ")", n, x -> {
            LockSupport.parkNanos(pauseNanos);
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                sum += (i + 1) * x[i] * x[i] + Math.cos(x[i]);
            }
            return sum;
        });
    }
}
