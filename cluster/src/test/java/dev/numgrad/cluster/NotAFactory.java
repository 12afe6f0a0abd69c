package dev.numgrad.cluster;

/** A class on the class path that is not a {@link LossFactory}. */
public final class NotAFactory {
}
