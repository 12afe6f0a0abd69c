package dev.numgrad.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryRemovedListener;
import dev.numgrad.loss.Loss;
import dev.numgrad.schedule.CancellationToken;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ForkJoinPool;

/**
 * What a member keeps between blocks: its fork/join pool, the losses it has built (by
 * specification text) and the parameter vectors of the gradients in progress (by gradient id).
 *
 * <p>One per member, created by the first task that reaches it and kept in the member's
 * {@linkplain HazelcastInstance#getUserContext() user context}, so that any Hazelcast member runs
 * numgrad tasks, not only those started by {@code numgrad worker}. A gradient's parameter vector
 * is fetched from the {@value #PARAMETERS_MAP} map once per member, not once per block; when the
 * caller deletes the entry (the gradient is over, finished or abandoned), a listener drops the
 * member's copy and cancels any of its blocks still running.
 */
final class MemberRuntime {

    /** The distributed map that holds each gradient's parameter vector under its id. */
    static final String PARAMETERS_MAP = "numgrad.parameters";

    /** The executor service that runs numgrad's tasks. */
    static final String EXECUTOR = "numgrad";

    private static final String CONTEXT_KEY = MemberRuntime.class.getName();

    /** Built losses kept per member; a workload's data can be large, so only a few. */
    private static final int LOSSES_KEPT = 4;

    /** Parameter vectors kept per member should a removal event be missed. */
    private static final int GRADIENTS_KEPT = 8;

    private final HazelcastInstance member;
    private final ForkJoinPool pool;
    private final String address;
    /** Access order, so the least recently used loss goes first. Guarded by itself. */
    private final Map<String, CompletableFuture<Loss>> losses = new LinkedHashMap<>(16, 0.75f, true);
    /** Insertion order. Guarded by itself. */
    private final Map<String, Gradient> gradients = new LinkedHashMap<>();

    /** One gradient's parameter vector on this member, and the token its blocks check. */
    private record Gradient(CompletableFuture<double[]> parameters, CancellationToken cancellation) {
    }

    private MemberRuntime(HazelcastInstance member) {
        this.member = member;
        this.pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
        this.address = addressOf(member.getCluster().getLocalMember());
    }

    /**
     * The runtime of this member, created on first use.
     *
     * @param member the member a task runs on
     * @return its runtime
     */
    static MemberRuntime of(HazelcastInstance member) {
        ConcurrentMap<String, Object> context = member.getUserContext();
        Object existing = context.get(CONTEXT_KEY);
        if (existing != null) {
            return (MemberRuntime) existing;
        }
        synchronized (context) {
            existing = context.get(CONTEXT_KEY);
            if (existing != null) {
                return (MemberRuntime) existing;
            }
            MemberRuntime runtime = new MemberRuntime(member);
            runtime.start();
            context.put(CONTEXT_KEY, runtime);
            return runtime;
        }
    }

    private void start() {
        IMap<String, double[]> map = member.getMap(PARAMETERS_MAP);
        map.addEntryListener((EntryRemovedListener<String, double[]>) event -> forget(event.getKey()), false);
        member.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.SHUTTING_DOWN) {
                pool.shutdownNow();
            }
        });
    }

    /**
     * A member's address as users write it, {@code HOST:PORT}.
     *
     * @param member any member
     * @return e.g. {@code 127.0.0.1:5702}
     */
    static String addressOf(com.hazelcast.cluster.Member member) {
        return member.getAddress().getHost() + ":" + member.getAddress().getPort();
    }

    /** This member's address, for messages. */
    String address() {
        return address;
    }

    /** The pool that computes this member's blocks, one worker per core. */
    ForkJoinPool pool() {
        return pool;
    }

    /**
     * The loss of a specification, built once per member.
     *
     * @param spec the specification's text
     * @return the loss
     * @throws LossSpecException if the text does not parse
     * @throws LossUnavailableException if this member cannot build it
     */
    Loss loss(String spec) {
        CompletableFuture<Loss> built;
        boolean mine = false;
        synchronized (losses) {
            built = losses.get(spec);
            if (built == null) {
                built = new CompletableFuture<>();
                losses.put(spec, built);
                mine = true;
                trim(losses, LOSSES_KEPT);
            }
        }
        if (mine) {
            try {
                built.complete(LossSpec.parse(spec).build(address));
            } catch (RuntimeException | Error e) {
                synchronized (losses) {
                    losses.remove(spec, built);
                }
                built.completeExceptionally(e);
            }
        }
        return joinUnwrapped(built);
    }

    /**
     * A gradient's parameter vector and cancellation token on this member: the vector is fetched
     * from the map by the first block that needs it; the token is cancelled when the caller
     * deletes the map entry.
     *
     * @param x the parameter vector, shared by this member's blocks: never modify it
     * @param cancellation what the gradient's blocks check
     */
    record Parameters(double[] x, CancellationToken cancellation) {
    }

    /**
     * The parameters of a gradient, fetched once per member.
     *
     * @param gradientId the gradient's id
     * @return its parameters, or null when the map no longer has them (the gradient is over,
     *     or the partition that held them was lost)
     */
    Parameters parameters(String gradientId) {
        Gradient gradient;
        boolean mine = false;
        synchronized (gradients) {
            gradient = gradients.get(gradientId);
            if (gradient == null) {
                gradient = new Gradient(new CompletableFuture<>(), CancellationToken.create());
                gradients.put(gradientId, gradient);
                mine = true;
                trim(gradients, GRADIENTS_KEPT);
            }
        }
        if (mine) {
            try {
                IMap<String, double[]> map = member.getMap(PARAMETERS_MAP);
                double[] x = map.get(gradientId);
                if (x == null) {
                    forget(gradientId);
                }
                gradient.parameters().complete(x);
            } catch (RuntimeException | Error e) {
                forget(gradientId);
                gradient.parameters().completeExceptionally(e);
            }
        }
        double[] x = joinUnwrapped(gradient.parameters());
        return x == null ? null : new Parameters(x, gradient.cancellation());
    }

    /** Drops a gradient's vector and stops its blocks still running here. */
    private void forget(String gradientId) {
        Gradient gradient;
        synchronized (gradients) {
            gradient = gradients.remove(gradientId);
        }
        if (gradient != null) {
            gradient.cancellation().cancel();
        }
    }

    private static void trim(Map<String, ?> map, int keep) {
        Iterator<String> oldest = map.keySet().iterator();
        while (map.size() > keep) {
            oldest.next();
            oldest.remove();
        }
    }

    private static <T> T joinUnwrapped(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
