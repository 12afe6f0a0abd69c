package dev.numgrad.schedule;

/**
 * Cooperative cancellation: any thread calls {@link #cancel()}; workers check
 * {@link #isCancelled()} before every coordinate and stop, so a gradient stops within about one
 * coordinate's evaluations per worker.
 */
public interface CancellationToken {

    /** Asks every computation holding this token to stop. Idempotent. */
    void cancel();

    /** {@return whether {@link #cancel()} was called} */
    boolean isCancelled();

    /** {@return a fresh token that is not cancelled} */
    static CancellationToken create() {
        return new Flag();
    }

    /** {@return a token that is never cancelled; {@link #cancel()} on it throws} */
    static CancellationToken none() {
        return Never.INSTANCE;
    }

    /** The mutable token: one volatile flag. */
    final class Flag implements CancellationToken {

        private volatile boolean cancelled;

        private Flag() {
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public String toString() {
            return cancelled ? "CancellationToken[cancelled]" : "CancellationToken[active]";
        }
    }

    /** Stateless, so sharing one instance is safe. */
    enum Never implements CancellationToken {
        /** The only instance. */
        INSTANCE;

        @Override
        public void cancel() {
            throw new UnsupportedOperationException(
                    "CancellationToken.none() cannot be cancelled; pass CancellationToken.create() instead");
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    }
}
