package dev.numgrad.cluster;

import java.time.Duration;

/**
 * How a {@link ClusterGradient} cuts the coordinates into blocks and how long it waits.
 *
 * <p>A task costs the caller and the member about a millisecond of overhead (a round trip, a
 * fork/join start, one copy of x per member worker); blocks must be coarse enough to hide that,
 * and numerous enough that a slow or lost member leaves little work to redo and the last blocks
 * finish together. {@link #blocksPerCore} blocks per member core, at least
 * {@link #minimumBlock} coordinates each, do both for gradients that take more than a fraction
 * of a second.
 *
 * @param blocksPerCore blocks per member core, at least 1; default 4
 * @param minimumBlock the fewest coordinates a block has (except when the gradient has fewer),
 *     at least 1; default 16
 * @param tasksPerMember blocks sent to a member at once, at least 1; default 2, so that a member
 *     starts its next block while the result of the last one travels back
 * @param timeout how long a whole gradient may take before it fails with
 *     {@link ClusterUnavailableException}; null for no limit (a lost member is still detected by
 *     the cluster's heartbeats and its blocks run elsewhere)
 */
public record ClusterOptions(int blocksPerCore, int minimumBlock, int tasksPerMember, Duration timeout) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException for a count below 1 or a timeout that is not positive
     */
    public ClusterOptions {
        requirePositive("blocksPerCore", blocksPerCore);
        requirePositive("minimumBlock", minimumBlock);
        requirePositive("tasksPerMember", tasksPerMember);
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }

    /**
     * Four blocks per member core of at least 16 coordinates, two tasks in flight per member, no
     * timeout.
     *
     * @return the defaults
     */
    public static ClusterOptions defaults() {
        return new ClusterOptions(4, 16, 2, null);
    }

    /**
     * These options with another timeout.
     *
     * @param timeout the new timeout, or null for none
     * @return these options with another timeout
     */
    public ClusterOptions withTimeout(Duration timeout) {
        return new ClusterOptions(blocksPerCore, minimumBlock, tasksPerMember, timeout);
    }

    /**
     * These options with another number of blocks per member core.
     *
     * @param blocksPerCore the new number of blocks per member core
     * @return these options with another number of blocks per core
     */
    public ClusterOptions withBlocksPerCore(int blocksPerCore) {
        return new ClusterOptions(blocksPerCore, minimumBlock, tasksPerMember, timeout);
    }

    /**
     * The number of blocks for a gradient.
     *
     * @param coordinates the gradient's dimension, at least 1
     * @param cores the members' cores together, at least 1
     * @param members the members, at least 1
     * @return blocks in [1, coordinates]
     */
    int blocks(int coordinates, int cores, int members) {
        long wanted = Math.max((long) cores * blocksPerCore, (long) members * tasksPerMember);
        long byMinimum = Math.max(1, coordinates / minimumBlock);
        return (int) Math.max(1, Math.min(Math.min(wanted, byMinimum), coordinates));
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
