package dev.numgrad.gradient;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;

/**
 * Where a gradient's coordinates run: in the caller's thread alone, or in the caller's thread
 * helped by the common pool or by a pool the caller owns (and closes). The calling thread always
 * computes too (see {@link dev.numgrad.schedule.CoordinateScheduler}): a pool of parallelism P
 * gives P computing threads, the caller and P − 1 of the pool's; the common pool, whose
 * parallelism already leaves a processor for the caller, helps with all of its threads. The
 * result is bit-identical in all three.
 */
public sealed interface Execution permits Execution.Serial, Execution.CommonPool, Execution.OnPool {

    /** {@return the pool to run on, or empty for the caller's thread} */
    Optional<ForkJoinPool> pool();

    /** {@return how many threads compute coordinates at once, the caller's included} */
    int parallelism();

    /** {@return the caller's thread only; no fork/join} */
    static Execution serial() {
        return new Serial();
    }

    /** {@return the caller's thread and all of {@link ForkJoinPool#commonPool()}'s} */
    static Execution commonPool() {
        return new CommonPool();
    }

    /**
     * The caller's thread and P − 1 threads of a pool the caller owns, for its parallelism P;
     * numgrad never shuts it down.
     *
     * @param pool the pool
     * @return the execution
     */
    static Execution on(ForkJoinPool pool) {
        return new OnPool(pool);
    }

    /** The caller's thread. */
    record Serial() implements Execution {

        @Override
        public Optional<ForkJoinPool> pool() {
            return Optional.empty();
        }

        @Override
        public int parallelism() {
            return 1;
        }
    }

    /** The JVM's common pool. */
    record CommonPool() implements Execution {

        @Override
        public Optional<ForkJoinPool> pool() {
            return Optional.of(ForkJoinPool.commonPool());
        }

        @Override
        public int parallelism() {
            return ForkJoinPool.getCommonPoolParallelism() + 1;
        }
    }

    /**
     * A caller-owned pool.
     *
     * @param forkJoinPool the pool; numgrad never shuts it down
     */
    record OnPool(ForkJoinPool forkJoinPool) implements Execution {

        /**
         * Validates the pool.
         *
         * @throws NullPointerException if the pool is null
         */
        public OnPool {
            Objects.requireNonNull(forkJoinPool, "forkJoinPool");
        }

        @Override
        public Optional<ForkJoinPool> pool() {
            return Optional.of(forkJoinPool);
        }

        @Override
        public int parallelism() {
            return forkJoinPool.getParallelism();
        }
    }
}
