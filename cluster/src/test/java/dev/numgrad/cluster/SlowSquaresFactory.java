package dev.numgrad.cluster;

import dev.numgrad.loss.Loss;
import java.util.concurrent.locks.LockSupport;

/**
 * A test loss slow enough to kill a member in the middle of a gradient: Σ (i + 1)·x_i² + sin(x_i),
 * with a pause of the argument's microseconds per evaluation. Argument: {@code n,micros}.
 */
public final class SlowSquaresFactory implements LossFactory {

    @Override
    public Loss create(String argument) {
        String[] parts = argument.split(",");
        int n = Integer.parseInt(parts[0]);
        long pauseNanos = Long.parseLong(parts[1]) * 1000;
        return Loss.of("slow-squares(" + argument + ")", n, x -> {
            LockSupport.parkNanos(pauseNanos);
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                sum += (i + 1) * x[i] * x[i] + Math.sin(x[i]);
            }
            return sum;
        });
    }
}
