package dev.numgrad.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import dev.numgrad.GradientCancelledException;
import dev.numgrad.gradient.Execution;
import dev.numgrad.gradient.GradientResult;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.loss.Loss;
import dev.numgrad.schedule.ProgressListener;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * One block of a cluster gradient, computed on a member by the local engine on all the member's
 * cores ({@link NumericGradient#computeCoordinates}, whose entries are bit-identical to the same
 * coordinates of a whole local gradient). The block is the slots [lo, hi) of the gradient: the
 * coordinates lo … hi − 1 themselves, or, for a gradient of a coordinate subset, the block's
 * share of the subset, which the task carries. The task carries the loss's description and the
 * gradient's id, never the parameter vector: that comes from the member's
 * {@link MemberRuntime}, fetched once per gradient.
 */
final class BlockTask extends MemberTask<BlockOutcome> {

    private String gradientId;
    private String lossSpec;
    private Recipe recipe;
    private int lo;
    private int hi;
    /** The coordinates of slots [lo, hi) of a subset, or null when they are lo … hi − 1. */
    private int[] coordinates;

    /** For Hazelcast's deserialization. */
    public BlockTask() {
    }

    BlockTask(String gradientId, String lossSpec, Recipe recipe, int lo, int hi) {
        this(gradientId, lossSpec, recipe, lo, hi, null);
    }

    /**
     * @param coordinates the coordinates of slots [lo, hi), hi − lo of them, or null for the
     *     coordinates lo … hi − 1
     */
    BlockTask(String gradientId, String lossSpec, Recipe recipe, int lo, int hi, int[] coordinates) {
        this.gradientId = gradientId;
        this.lossSpec = lossSpec;
        this.recipe = recipe;
        this.lo = lo;
        this.hi = hi;
        this.coordinates = coordinates;
    }

    @Override
    public BlockOutcome call() {
        MemberRuntime runtime = runtime();
        Loss loss;
        try {
            loss = runtime.loss(lossSpec);
        } catch (LossUnavailableException | LossSpecException e) {
            return BlockOutcome.failed(BlockOutcome.Kind.LOSS_UNAVAILABLE, lo, e);
        }
        MemberRuntime.Parameters parameters = runtime.parameters(gradientId);
        if (parameters == null) {
            return BlockOutcome.missingParameters(lo);
        }
        int[] coordinates = this.coordinates;
        if (coordinates == null) {
            coordinates = new int[hi - lo];
            for (int k = 0; k < coordinates.length; k++) {
                coordinates[k] = lo + k;
            }
        }
        NumericGradient engine = new NumericGradient(recipe.scheme(), recipe.steps(), recipe.mode(),
                Execution.on(runtime.pool()), ProgressListener.NONE, parameters.cancellation(), recipe.probeBatch());
        int[] block = coordinates;
        try {
            // On a thread of the member's pool, not this executor thread: a gradient's calling
            // thread computes too, so blocks started from the executor's threads would each add
            // one computing thread to the pool's and oversubscribe the member's cores.
            GradientResult result = onMemberPool(runtime,
                    () -> engine.computeCoordinates(loss, parameters.x(), block));
            return BlockOutcome.done(lo, result.values(), result.errorEstimates(), result.evaluations());
        } catch (GradientCancelledException | CancellationException | RejectedExecutionException e) {
            // The gradient is over, or this member is shutting down (its pool refuses or drops work).
            return BlockOutcome.failed(BlockOutcome.Kind.CANCELLED, lo, e);
        } catch (RuntimeException e) {
            if (runtime.pool().isShutdown() || !member().getLifecycleService().isRunning()) {
                return BlockOutcome.failed(BlockOutcome.Kind.CANCELLED, lo, e);
            }
            return BlockOutcome.failed(BlockOutcome.Kind.LOSS_FAILED, lo, e);
        }
    }

    /**
     * {@code gradient} computed on a thread of the member's pool; what it throws is rethrown
     * as thrown ({@code ForkJoinTask.join()} would rethrow a copy whose message is the
     * original's toString).
     */
    private static GradientResult onMemberPool(MemberRuntime runtime, Callable<GradientResult> gradient) {
        try {
            return runtime.pool().submit(gradient).get();
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case RuntimeException thrown -> throw thrown;
                case Error thrown -> throw thrown;
                default -> throw new IllegalStateException(e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while the block was computed");
        }
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(gradientId);
        out.writeString(lossSpec);
        recipe.writeTo(out);
        out.writeInt(lo);
        out.writeInt(hi);
        out.writeIntArray(coordinates);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        gradientId = in.readString();
        lossSpec = in.readString();
        recipe = Recipe.readFrom(in);
        lo = in.readInt();
        hi = in.readInt();
        coordinates = in.readIntArray();
    }
}
