package dev.numgrad.cluster;

import com.hazelcast.client.HazelcastClientOfflineException;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import dev.numgrad.GradientCancelledException;
import dev.numgrad.schedule.CancellationToken;
import dev.numgrad.schedule.ProgressListener;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands a gradient's blocks to members and gathers the slices: the fault-tolerant part of a
 * {@link ClusterGradient}.
 *
 * <p>One thread (the caller's) owns all state; Hazelcast's callbacks and membership events only
 * put {@link Event}s on a queue. Each live member has at most {@code tasksPerMember} blocks in
 * flight; a finished block frees a slot, which the next pending block fills, so fast members take
 * more blocks than slow ones. When a member leaves, its blocks in flight go back to the front of
 * the queue. When a task fails for a reason that says the member cannot be reached (connection
 * lost, member gone), the member rests for {@link #REST} before it gets another block, and the
 * block goes back to the queue without counting as an attempt (up to {@link #UNREACHABLE} times,
 * so that a connection that keeps failing cannot loop forever); any other task failure counts,
 * and a block that fails {@link #ATTEMPTS} times fails the gradient. A block's slice is accepted
 * from whichever attempt finishes first; every attempt computes the same numbers.
 */
final class BlockDispatch {

    /** How often a block may fail for reasons other than a lost member. */
    static final int ATTEMPTS = 3;

    /**
     * How often a block may be sent to a member that turns out unreachable while the cluster
     * still lists it (a connection that keeps failing): about {@code UNREACHABLE × REST} of
     * retries, far longer than a dead member stays listed, but not forever.
     */
    static final int UNREACHABLE = 40;

    /** How long a member that could not be reached gets no new block. */
    static final Duration REST = Duration.ofMillis(500);

    /** The longest wait for an event, so that cancellation is seen promptly. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final HazelcastInstance cluster;
    private final IExecutorService executor;
    private final String gradientId;
    private final String lossSpec;
    private final Recipe recipe;
    private final int n;
    /** The coordinate of each slot for a subset, or null when slot i is coordinate i. */
    private final int[] subset;
    private final int blocks;
    private final int tasksPerMember;
    private final long deadline;
    private final Duration timeout;
    private final ProgressListener progress;
    private final CancellationToken cancellation;
    private final Runnable republish;

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final ArrayDeque<Integer> pending = new ArrayDeque<>();
    /** The live members and their attempts in flight, in the order they joined. */
    private final Map<Member, Set<Attempt>> live = new LinkedHashMap<>();
    /** When each resting member may take blocks again (System.nanoTime()). */
    private final Map<Member, Long> resting = new LinkedHashMap<>();
    private final Set<Member> gone = new HashSet<>();
    private final boolean[] finished;
    private final int[] failures;
    private final int[] unreachable;
    private final double[] values;
    private final double[] errors;
    private long evaluations;
    private int finishedBlocks;
    private long finishedCoordinates;
    private long serial;

    /** What the caller receives: the whole gradient and what it cost. */
    record Gathered(double[] values, double[] errors, long evaluations) {
    }

    /** One sending of one block to one member. */
    private record Attempt(int block, Member member, long serial) {
    }

    private sealed interface Event permits Finished, Failed, Left, Joined {
    }

    private record Finished(Attempt attempt, BlockOutcome outcome) implements Event {
    }

    private record Failed(Attempt attempt, Throwable error) implements Event {
    }

    private record Left(Member member) implements Event {
    }

    private record Joined(Member member) implements Event {
    }

    /**
     * @param n the slots of the result: the dimension, or the subset's length
     * @param subset the coordinate of each of the n slots, or null when slot i is coordinate i
     * @param republish puts the parameter vector into the map again, after a member reported it
     *     missing (a lost partition)
     */
    BlockDispatch(HazelcastInstance cluster, IExecutorService executor, String gradientId, String lossSpec,
            Recipe recipe, int n, int[] subset, int blocks, boolean withErrors, int tasksPerMember, long deadline, Duration timeout,
            ProgressListener progress, CancellationToken cancellation, Runnable republish) {
        this.cluster = cluster;
        this.executor = executor;
        this.gradientId = gradientId;
        this.lossSpec = lossSpec;
        this.recipe = recipe;
        this.n = n;
        this.subset = subset;
        this.blocks = blocks;
        this.tasksPerMember = tasksPerMember;
        this.deadline = deadline;
        this.timeout = timeout;
        this.progress = progress;
        this.cancellation = cancellation;
        this.republish = republish;
        this.finished = new boolean[blocks];
        this.failures = new int[blocks];
        this.unreachable = new int[blocks];
        this.values = new double[n];
        this.errors = withErrors ? new double[n] : null;
    }

    /** Block k covers slots [lo(k), lo(k + 1)). */
    private int lo(int block) {
        return (int) ((long) block * n / blocks);
    }

    /**
     * Computes every block on the given members and those that join meanwhile.
     *
     * @param members the members that described the loss
     * @return the gathered gradient
     */
    Gathered run(List<Member> members) {
        for (Member member : members) {
            live.put(member, new HashSet<>());
        }
        for (int block = 0; block < blocks; block++) {
            pending.add(block);
        }
        UUID registration = cluster.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                events.add(new Joined(event.getMember()));
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                events.add(new Left(event.getMember()));
            }
        });
        try {
            // A member may have left between the description and the listener's registration.
            for (Member member : members) {
                if (!cluster.getCluster().getMembers().contains(member)) {
                    events.add(new Left(member));
                }
            }
            while (finishedBlocks < blocks) {
                if (cancellation.isCancelled()) {
                    throw new GradientCancelledException(finishedCoordinates, n);
                }
                long now = System.nanoTime();
                if (now - deadline > 0) {
                    throw new ClusterUnavailableException("timed out after " + timeout + " with " + unfinished());
                }
                send(now);
                if (live.isEmpty()) {
                    throw new ClusterUnavailableException("no cluster members left: " + unfinished());
                }
                Event event = events.poll(Math.min(POLL_NANOS, Math.max(1, deadline - now)), TimeUnit.NANOSECONDS);
                if (event != null) {
                    handle(event);
                }
            }
            return new Gathered(values, errors, evaluations);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GradientCancelledException(finishedCoordinates, n);
        } finally {
            try {
                cluster.getCluster().removeMembershipListener(registration);
            } catch (RuntimeException e) {
                // The connection is gone, and the listener with it.
            }
        }
    }

    private String unfinished() {
        return (blocks - finishedBlocks) + " of " + blocks + " blocks (" + (n - finishedCoordinates) + " of " + n
                + " coordinates) unfinished";
    }

    /** Fills every free slot of every member that is not resting. */
    private void send(long now) {
        resting.values().removeIf(until -> now - until >= 0);
        for (Map.Entry<Member, Set<Attempt>> entry : live.entrySet()) {
            Member member = entry.getKey();
            Set<Attempt> inFlight = entry.getValue();
            while (!pending.isEmpty() && inFlight.size() < tasksPerMember && !resting.containsKey(member)) {
                int block = pending.poll();
                Attempt attempt = new Attempt(block, member, serial++);
                inFlight.add(attempt);
                int lo = lo(block);
                int hi = lo(block + 1);
                BlockTask task = new BlockTask(gradientId, lossSpec, recipe, lo, hi,
                        subset == null ? null : Arrays.copyOfRange(subset, lo, hi));
                try {
                    executor.submitToMember(task, member, new ExecutionCallback<BlockOutcome>() {
                        @Override
                        public void onResponse(BlockOutcome outcome) {
                            events.add(new Finished(attempt, outcome));
                        }

                        @Override
                        public void onFailure(Throwable error) {
                            events.add(new Failed(attempt, error));
                        }
                    });
                } catch (RuntimeException e) {
                    events.add(new Failed(attempt, e));
                }
            }
        }
    }

    private void handle(Event event) {
        switch (event) {
            case Finished finished -> onFinished(finished.attempt(), finished.outcome());
            case Failed failed -> onFailed(failed.attempt(), failed.error());
            case Left left -> onLeft(left.member());
            case Joined joined -> {
                if (!joined.member().isLiteMember() && !gone.contains(joined.member())) {
                    live.putIfAbsent(joined.member(), new HashSet<>());
                }
            }
        }
    }

    /** Whether the attempt is still in flight, removing it if so. */
    private boolean settle(Attempt attempt) {
        Set<Attempt> inFlight = live.get(attempt.member());
        return inFlight != null && inFlight.remove(attempt);
    }

    private void onFinished(Attempt attempt, BlockOutcome outcome) {
        boolean current = settle(attempt);
        int block = attempt.block();
        switch (outcome.kind()) {
            case DONE -> accept(block, outcome);
            case LOSS_FAILED -> {
                if (current) {
                    throw new BlockFailedException(MemberRuntime.addressOf(attempt.member()), outcome.errorType(),
                            outcome.message());
                }
            }
            case LOSS_UNAVAILABLE -> {
                if (current) {
                    throw new LossUnavailableException(outcome.message());
                }
            }
            case PARAMETERS_MISSING -> {
                if (current && !finished[block]) {
                    republish.run();
                    retry(block, new IllegalStateException("member " + MemberRuntime.addressOf(attempt.member())
                            + ": the parameter vector was missing"));
                }
            }
            case CANCELLED -> {
                // The member is shutting down, or dropped this gradient's parameters: not the
                // block's fault, so it goes back to the queue uncounted and the member rests.
                if (current && !finished[block]) {
                    pending.addFirst(block);
                    resting.put(attempt.member(), System.nanoTime() + REST.toNanos());
                }
            }
        }
    }

    private void accept(int block, BlockOutcome outcome) {
        if (finished[block]) {
            return;
        }
        int lo = lo(block);
        int length = lo(block + 1) - lo;
        if (outcome.lo() != lo || outcome.values().length != length) {
            throw new IllegalStateException("block " + block + " came back as [" + outcome.lo() + ", "
                    + (outcome.lo() + outcome.values().length) + "), expected [" + lo + ", " + (lo + length) + ")");
        }
        System.arraycopy(outcome.values(), 0, values, lo, length);
        if (errors != null && outcome.errors() != null) {
            System.arraycopy(outcome.errors(), 0, errors, lo, length);
        }
        evaluations += outcome.evaluations();
        finished[block] = true;
        finishedBlocks++;
        finishedCoordinates += length;
        progress.onProgress(finishedCoordinates, n);
    }

    private void onFailed(Attempt attempt, Throwable error) {
        if (!settle(attempt) || finished[attempt.block()]) {
            return;
        }
        Throwable cause = unwrap(error);
        if (cause instanceof HazelcastClientOfflineException || !cluster.getLifecycleService().isRunning()) {
            throw new ClusterUnavailableException("lost the connection to the cluster: " + unfinished(), cause);
        }
        if (memberLost(cluster, attempt.member(), cause)) {
            if (!cluster.getCluster().getMembers().contains(attempt.member())) {
                pending.addFirst(attempt.block());
                onLeft(attempt.member());
                return;
            }
            if (++unreachable[attempt.block()] >= UNREACHABLE) {
                throw new ClusterUnavailableException("block " + attempt.block() + " could not reach a member "
                        + UNREACHABLE + " times; last: " + cause + "; " + unfinished(), cause);
            }
            pending.addFirst(attempt.block());
            resting.put(attempt.member(), System.nanoTime() + REST.toNanos());
            return;
        }
        resting.put(attempt.member(), System.nanoTime() + REST.toNanos());
        retry(attempt.block(), cause);
    }

    /** Back to the queue, unless the block has failed too often. */
    private void retry(int block, Throwable cause) {
        if (++failures[block] >= ATTEMPTS) {
            throw new ClusterUnavailableException("block " + block + " [" + lo(block) + ", " + lo(block + 1)
                    + ") failed " + ATTEMPTS + " times; last: " + cause + "; " + unfinished(), cause);
        }
        pending.addFirst(block);
    }

    /** The member is gone: its blocks in flight go back to the front of the queue. */
    private void onLeft(Member member) {
        gone.add(member);
        resting.remove(member);
        Set<Attempt> inFlight = live.remove(member);
        if (inFlight == null) {
            return;
        }
        for (Iterator<Attempt> it = inFlight.iterator(); it.hasNext(); ) {
            int block = it.next().block();
            if (!finished[block]) {
                pending.addFirst(block);
            }
        }
    }

    /**
     * Whether a task failed because its member is gone or cannot be reached, rather than because
     * of the task itself.
     */
    static boolean memberLost(HazelcastInstance cluster, Member member, Throwable error) {
        Throwable cause = unwrap(error);
        return cause instanceof MemberLeftException
                || cause instanceof TargetNotMemberException
                || cause instanceof TargetDisconnectedException
                || cause instanceof HazelcastInstanceNotActiveException
                || !cluster.getCluster().getMembers().contains(member);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
