package dev.numgrad.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * A concurrent pool of {@link CoordinateWorker}s: a task borrows one for its whole range and
 * gives it back. New workers are created only when every existing one is out, so the number
 * created is bounded by the number of tasks running at once (the pool's threads, plus the caller
 * where it helps), not by the number of coordinates or tasks.
 *
 * @param <W> the worker type
 */
public final class WorkerStash<W extends CoordinateWorker> {

    private final Supplier<? extends W> factory;
    /** A stack: a thread that gives a worker back and borrows again usually gets the one its cache still holds. */
    private final ConcurrentLinkedDeque<W> idle = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedQueue<W> created = new ConcurrentLinkedQueue<>();

    /**
     * An empty stash.
     *
     * @param factory makes a fresh worker; may throw, which fails the task that asked for one
     */
    public WorkerStash(Supplier<? extends W> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** {@return an idle worker, or a new one when none is idle} */
    public W borrow() {
        W worker = idle.pollFirst();
        if (worker == null) {
            worker = factory.get();
            created.add(worker);
        }
        return worker;
    }

    /**
     * Returns a worker taken with {@link #borrow()}.
     *
     * @param worker the worker, no longer used by the caller
     */
    public void giveBack(W worker) {
        idle.addFirst(worker);
    }

    /**
     * Every worker created so far, e.g. to sum their evaluation counts once the work is done
     * (the scheduler's completion makes their writes visible to the caller).
     *
     * @return a fresh list of the workers
     */
    public List<W> created() {
        return new ArrayList<>(created);
    }
}
