package dev.numgrad.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.map.IMap;
import dev.numgrad.fd.Scheme;
import dev.numgrad.fd.StepPolicy;
import dev.numgrad.gradient.Mode;
import dev.numgrad.kernel.Kernels;
import dev.numgrad.workload.WorkloadSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Measures what the cluster adds to a gradient, with the very tasks a {@link ClusterGradient}
 * sends: the round trip of one block (a one-coordinate block of {@code sumsq(1)}, so that
 * nothing but the overhead is timed: submission, serialisation, the member's fork/join start,
 * the answer), and the broadcast of a parameter vector (put into the map, then fetched by every
 * member). The figures feed the speed-up model of {@code docs/cluster.md}.
 *
 * @param members data members measured
 * @param cores their fork/join workers together
 * @param taskSeconds sorted round trips of one block, one per task sent, members in turn
 * @param broadcastSeconds sorted times to put a vector and have every member fetch it
 * @param doubles the broadcast vector's length
 */
public record ClusterOverheads(int members, int cores, double[] taskSeconds, double[] broadcastSeconds, int doubles) {

    /** A one-coordinate loss every member builds at once: what the timing blocks compute. */
    private static final String TINY_LOSS = LossSpec.workload(WorkloadSpec.of("sumsq", 1), Kernels.scalar()).text();


    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if a sample array is empty
     */
    public ClusterOverheads {
        Objects.requireNonNull(taskSeconds, "taskSeconds");
        Objects.requireNonNull(broadcastSeconds, "broadcastSeconds");
        if (taskSeconds.length == 0 || broadcastSeconds.length == 0) {
            throw new IllegalArgumentException("need at least one task and one broadcast");
        }
        taskSeconds = taskSeconds.clone();
        broadcastSeconds = broadcastSeconds.clone();
        Arrays.sort(taskSeconds);
        Arrays.sort(broadcastSeconds);
    }

    /**
     * Measures the cluster.
     *
     * @param cluster a client or member of the cluster
     * @param tasks how many one-coordinate blocks to time, one after another, at least 1
     * @param doubles the length of the vector to broadcast, at least 1
     * @param broadcasts how many broadcasts to time, at least 1
     * @return the measurements
     * @throws ClusterUnavailableException if the cluster has no data member or a task fails
     * @throws IllegalArgumentException for a count below 1
     */
    public static ClusterOverheads measure(HazelcastInstance cluster, int tasks, int doubles, int broadcasts) {
        Objects.requireNonNull(cluster, "cluster");
        if (tasks < 1 || doubles < 1 || broadcasts < 1) {
            throw new IllegalArgumentException("tasks, doubles and broadcasts must be at least 1, got " + tasks + ", "
                    + doubles + ", " + broadcasts);
        }
        List<Member> members = ClusterGradient.dataMembers(cluster);
        if (members.isEmpty()) {
            throw new ClusterUnavailableException("the cluster has no data members to measure");
        }
        IExecutorService executor = cluster.getExecutorService(MemberRuntime.EXECUTOR);
        IMap<String, double[]> map = cluster.getMap(MemberRuntime.PARAMETERS_MAP);
        String spec = TINY_LOSS;
        int cores = cores(cluster, members);

        String id = UUID.randomUUID().toString();
        map.set(id, new double[] {0.5});
        double[] taskSeconds = new double[tasks];
        Recipe recipe = new Recipe(Scheme.central(), StepPolicy.scaledToScheme(), Mode.BLACK_BOX, 1);
        try {
            for (int k = -Math.min(tasks, 20); k < tasks; k++) { // the first ones warm up both sides
                Member member = members.get(Math.floorMod(k, members.size()));
                long start = System.nanoTime();
                BlockOutcome outcome = await(executor.submitToMember(new BlockTask(id, spec, recipe, 0, 1), member));
                if (outcome.kind() != BlockOutcome.Kind.DONE) {
                    throw new ClusterUnavailableException("a timing block failed on " + MemberRuntime.addressOf(member)
                            + ": " + outcome.kind() + " " + outcome.message());
                }
                if (k >= 0) {
                    taskSeconds[k] = (System.nanoTime() - start) * 1e-9;
                }
            }
        } finally {
            map.delete(id);
        }

        double[] broadcastSeconds = new double[broadcasts];
        double[] x = new double[doubles];
        for (int k = -1; k < broadcasts; k++) { // one to warm up
            String vector = UUID.randomUUID().toString();
            long start = System.nanoTime();
            try {
                map.set(vector, x);
                Map<Member, Future<Integer>> fetched = executor.submitToMembers(new FetchTask(vector), members);
                for (Future<Integer> length : fetched.values()) {
                    if (await(length) != doubles) {
                        throw new ClusterUnavailableException("a member did not find the broadcast vector");
                    }
                }
                if (k >= 0) {
                    broadcastSeconds[k] = (System.nanoTime() - start) * 1e-9;
                }
            } finally {
                map.delete(vector);
            }
        }
        return new ClusterOverheads(members.size(), cores, taskSeconds, broadcastSeconds, doubles);
    }

    /**
     * The median round trip of one block, in seconds.
     *
     * @return the median round trip of one block, in seconds
     */
    public double taskMedian() {
        return median(taskSeconds);
    }

    /**
     * The median broadcast time, in seconds.
     *
     * @return the median broadcast time, in seconds
     */
    public double broadcastMedian() {
        return median(broadcastSeconds);
    }

    /**
     * The round trips of the timed blocks, ascending.
     *
     * @return a copy, in seconds
     */
    @Override
    public double[] taskSeconds() {
        return taskSeconds.clone();
    }

    /**
     * The broadcast times, ascending.
     *
     * @return a copy, in seconds
     */
    @Override
    public double[] broadcastSeconds() {
        return broadcastSeconds.clone();
    }

    /**
     * The fork/join workers of the given members together, asked of each member with the
     * smallest loss there is.
     *
     * @throws ClusterUnavailableException if a member does not answer
     */
    static int cores(HazelcastInstance cluster, List<Member> members) {
        IExecutorService executor = cluster.getExecutorService(MemberRuntime.EXECUTOR);
        int cores = 0;
        for (Future<LossDescription> answer : executor.submitToMembers(new DescribeTask(TINY_LOSS), members).values()) {
            cores += await(answer).cores();
        }
        return cores;
    }

    private static double median(double[] sorted) {
        int mid = sorted.length >>> 1;
        return sorted.length % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnavailableException("interrupted while measuring the cluster", e);
        } catch (ExecutionException e) {
            throw new ClusterUnavailableException("a measuring task failed: " + e.getCause(), e.getCause());
        }
    }
}
