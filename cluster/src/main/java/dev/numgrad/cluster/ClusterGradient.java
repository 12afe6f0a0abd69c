package dev.numgrad.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.map.IMap;
import dev.numgrad.DimensionMismatchException;
import dev.numgrad.GradientCancelledException;
import dev.numgrad.NonFiniteParameterException;
import dev.numgrad.UnsupportedModeException;
import dev.numgrad.gradient.GradientResult;
import dev.numgrad.gradient.Mode;
import dev.numgrad.gradient.NumericGradient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The numeric gradient of a {@link LossSpec} computed by a Hazelcast cluster: the same
 * configuration ({@link NumericGradient}) and the same result ({@link GradientResult}) as the
 * local engine, and bit for bit the same values.
 *
 * <pre>{@code
 * try (ClusterConnection cluster = ClusterConnection.connect(settings)) {
 *     ClusterGradient gradient = new ClusterGradient(NumericGradient.defaults(), cluster.instance(),
 *             ClusterOptions.defaults());
 *     GradientResult g = gradient.compute(LossSpec.parse("mlp:64,64,10,32"), Workloads.start(4810));
 * }
 * }</pre>
 *
 * <p>How it works. Every data member first builds the loss from its description and reports its
 * dimension and cores (a member that cannot build it is named before any work starts). The
 * parameter vector goes into the distributed map {@value MemberRuntime#PARAMETERS_MAP} once, under
 * a fresh gradient id, with a backup on a second member; each member fetches it once. The
 * coordinates are cut into {@link ClusterOptions#blocks coarse blocks}, a few per member core,
 * handed out a few at a time per member; each member computes a block with the local engine on
 * all its cores ({@link NumericGradient#computeCoordinates}, bit-identical to the same
 * coordinates of a whole gradient), and the caller places the slices. The map entry is deleted
 * at the end, which also stops whatever blocks of an abandoned gradient still run.
 *
 * <p>Faults. A member that leaves (crash, kill, shutdown, or heartbeats missed for the cluster's
 * {@code hazelcast.max.no.heartbeat.seconds}) loses nothing: its unfinished blocks go to the
 * members left, and the result is the same. With no member left, or when the caller loses its
 * connection to the cluster, the gradient fails at once with {@link ClusterUnavailableException};
 * {@link ClusterOptions#timeout()} bounds the whole computation. A loss that fails on a member
 * fails the gradient with {@link BlockFailedException}, as it would locally.
 *
 * <p>Differences from the local engine: {@link NumericGradient#execution()} is not used (each
 * member computes on its own pool, one worker per core); cancellation and progress are seen per
 * block at the caller; {@link GradientResult#evaluations()} adds up the members' counts, which
 * include one f(x) per block for forward and backward differences and one delta preparation per
 * member worker and block. Lite members take no blocks.
 *
 * @param engine the scheme, steps, mode, progress listener and cancellation token
 * @param cluster a client of the cluster, or one of its members
 * @param options how the work is cut and how long it may take
 */
public record ClusterGradient(NumericGradient engine, HazelcastInstance cluster, ClusterOptions options) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if an argument is null
     */
    public ClusterGradient {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(options, "options");
    }

    /**
     * The gradient of the loss that {@code loss} describes, at {@code x}.
     *
     * @param loss the loss, built on every member from this description
     * @param x the point, length the loss's dimension. Not modified.
     * @return the gradient, bit-identical to {@link NumericGradient#compute} of the same loss
     * @throws DimensionMismatchException if x has the wrong length
     * @throws NonFiniteParameterException if some x_i is NaN or infinite (the first one is named)
     * @throws dev.numgrad.InvalidStepException if a coordinate's step is invalid
     * @throws UnsupportedModeException for delta mode on a loss without a delta evaluator
     * @throws LossUnavailableException if a member cannot build the loss (the member is named)
     * @throws BlockFailedException if the loss fails on a member (the coordinate is named)
     * @throws ClusterUnavailableException with no member left, after losing the cluster, or at the
     *     timeout
     * @throws GradientCancelledException if the engine's cancellation token was cancelled
     */
    public GradientResult compute(LossSpec loss, double[] x) {
        return run(loss, x, null);
    }

    /**
     * The partial derivatives of the listed coordinates only, at {@code x}: {@code values()[k]}
     * is ∂f/∂x_{coordinates[k]}, as {@link NumericGradient#computeCoordinates} computes it
     * locally. The subset is cut into blocks like a whole gradient; each block carries its share
     * of the list.
     *
     * @param loss the loss, built on every member from this description
     * @param x the point, length the loss's dimension. Not modified.
     * @param coordinates indices in [0, dimension), in any order, repeats allowed. Not modified.
     * @return the listed partial derivatives, each bit-identical to the same entry of
     *     {@link NumericGradient#computeCoordinates} of the same loss (and so to the same
     *     coordinate of a whole gradient)
     * @throws IndexOutOfBoundsException naming the first coordinate out of range
     * @throws DimensionMismatchException if x has the wrong length
     * @throws NonFiniteParameterException if some x_i is NaN or infinite (the first one is named)
     * @throws dev.numgrad.InvalidStepException if a listed coordinate's step is invalid
     * @throws UnsupportedModeException for delta mode on a loss without a delta evaluator
     * @throws LossUnavailableException if a member cannot build the loss (the member is named)
     * @throws BlockFailedException if the loss fails on a member (the coordinate is named)
     * @throws ClusterUnavailableException with no member left, after losing the cluster, or at the
     *     timeout
     * @throws GradientCancelledException if the engine's cancellation token was cancelled
     */
    public GradientResult computeCoordinates(LossSpec loss, double[] x, int[] coordinates) {
        Objects.requireNonNull(coordinates, "coordinates");
        return run(loss, x, coordinates.clone());
    }

    /** Validates as the local engine does, then computes every slot; {@code subset} null means all. */
    private GradientResult run(LossSpec loss, double[] x, int[] subset) {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(x, "x");
        long start = System.nanoTime();
        long deadline = options.timeout() == null ? Long.MAX_VALUE : start + options.timeout().toNanos();
        double[] x0 = x.clone();
        for (int i = 0; i < x0.length; i++) {
            if (!Double.isFinite(x0[i])) {
                throw new NonFiniteParameterException(i, x0[i]);
            }
        }
        List<Member> members = dataMembers(cluster);
        if (members.isEmpty()) {
            throw new ClusterUnavailableException("the cluster has no data members to compute " + loss.text());
        }
        Described described = describe(loss, members, deadline);
        int n = described.dimension();
        if (subset != null) {
            for (int k = 0; k < subset.length; k++) {
                if (subset[k] < 0 || subset[k] >= n) {
                    throw new IndexOutOfBoundsException("coordinates[" + k + "] = " + subset[k]
                            + " is not in [0, " + n + ")");
                }
            }
        }
        if (x0.length != n) {
            throw new DimensionMismatchException(x0.length, n);
        }
        if (engine.mode() == Mode.DELTA && !described.delta()) {
            throw new UnsupportedModeException(engine.mode().id(), described.name(), "a delta evaluator (a DeltaLoss)");
        }
        int slots = subset == null ? n : subset.length;
        for (int k = 0; k < slots; k++) {
            int i = subset == null ? k : subset[k];
            engine.steps().checkedStep(engine.scheme(), x0[i], i);
        }
        if (engine.cancellation().isCancelled()) {
            throw new GradientCancelledException(0, slots);
        }

        String gradientId = UUID.randomUUID().toString();
        IMap<String, double[]> parameters = cluster.getMap(MemberRuntime.PARAMETERS_MAP);
        parameters.set(gradientId, x0);
        try {
            int blocks = options.blocks(Math.max(1, slots), described.cores(), described.members().size());
            BlockDispatch dispatch = new BlockDispatch(cluster, executor(), gradientId, loss.text(),
                    new Recipe(engine.scheme(), engine.steps(), engine.mode(), engine.probeBatch()), slots, subset, blocks,
                    engine.scheme().estimatesError(), options.tasksPerMember(), deadline, options.timeout(),
                    engine.progress(), engine.cancellation(), () -> parameters.set(gradientId, x0));
            BlockDispatch.Gathered gathered = dispatch.run(described.members());
            // The members batch exactly as the local engine would: black-box probes of a ProbeBatchLoss.
            int probeBatch = engine.mode() == Mode.BLACK_BOX && described.probeBatch() ? engine.probeBatch() : 1;
            return new GradientResult(gathered.values(), gathered.evaluations(),
                    Duration.ofNanos(System.nanoTime() - start), gathered.errors(), probeBatch);
        } finally {
            deleteQuietly(parameters, gradientId);
        }
    }

    /** The data members, which compute blocks; lite members hold no data and take no blocks. */
    static List<Member> dataMembers(HazelcastInstance cluster) {
        List<Member> members = new ArrayList<>();
        for (Member member : cluster.getCluster().getMembers()) {
            if (!member.isLiteMember()) {
                members.add(member);
            }
        }
        return members;
    }

    private IExecutorService executor() {
        return cluster.getExecutorService(MemberRuntime.EXECUTOR);
    }

    /** What the members said about the loss. */
    private record Described(int dimension, String name, boolean delta, boolean probeBatch, int cores, List<Member> members) {
    }

    /**
     * Asks every member to build the loss. A member that leaves meanwhile is left out; one that
     * cannot build the loss fails the gradient, naming it.
     */
    private Described describe(LossSpec loss, List<Member> members, long deadline) {
        Map<Member, Future<LossDescription>> answers = executor().submitToMembers(new DescribeTask(loss.text()), members);
        List<Member> able = new ArrayList<>();
        LossDescription first = null;
        int cores = 0;
        Throwable lastLoss = null;
        for (Map.Entry<Member, Future<LossDescription>> answer : answers.entrySet()) {
            LossDescription description;
            try {
                long wait = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, deadline - System.nanoTime());
                description = answer.getValue().get(wait, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GradientCancelledException(0, 0);
            } catch (TimeoutException e) {
                throw new ClusterUnavailableException("timed out after " + options.timeout()
                        + " waiting for member " + MemberRuntime.addressOf(answer.getKey()) + " to build " + loss.text());
            } catch (ExecutionException e) {
                if (!BlockDispatch.memberLost(cluster, answer.getKey(), e.getCause())) {
                    throw new ClusterUnavailableException("member " + MemberRuntime.addressOf(answer.getKey())
                            + " failed to describe " + loss.text() + ": " + e.getCause(), e.getCause());
                }
                lastLoss = e.getCause();
                continue;
            }
            if (description.failure() != null) {
                throw new LossUnavailableException(description.failure());
            }
            if (first != null && description.dimension() != first.dimension()) {
                throw new LossUnavailableException(loss.text() + " has dimension " + description.dimension()
                        + " on member " + MemberRuntime.addressOf(answer.getKey()) + " but " + first.dimension()
                        + " on another: the factory must build the same loss everywhere");
            }
            first = first == null ? description : first;
            able.add(answer.getKey());
            cores += description.cores();
        }
        if (first == null) {
            throw new ClusterUnavailableException("no cluster members left to compute " + loss.text(), lastLoss);
        }
        return new Described(first.dimension(), first.name(), first.delta(), first.probeBatch(), cores, able);
    }

    /** The entry must go, but a caller that lost the cluster has a better error to report. */
    private static void deleteQuietly(IMap<String, double[]> parameters, String gradientId) {
        try {
            parameters.delete(gradientId);
        } catch (RuntimeException e) {
            // The cluster is gone or going; members drop their copies when they stop, and the
            // map's idle expiry removes the entry from a cluster that lives on.
        }
    }
}
