package dev.numgrad.cluster;

import dev.numgrad.loss.Loss;

/** A test loss of dimension 40 that returns NaN when x_17 moves: the coordinate must be named. */
public final class FailingFactory implements LossFactory {

    @Override
    public Loss create(String argument) {
        return Loss.of("nan-at-17", 40, x -> x[17] == 0.5 ? 0.0 : Double.NaN);
    }
}
