package dev.numgrad.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;

/**
 * Sent to every member before a gradient: builds the loss there (kept for the blocks that
 * follow) and reports it, so that a member lacking a user's factory class is named before any
 * work is done rather than discovered halfway through.
 */
final class DescribeTask extends MemberTask<LossDescription> {

    private String lossSpec;

    /** For Hazelcast's deserialization. */
    public DescribeTask() {
    }

    DescribeTask(String lossSpec) {
        this.lossSpec = lossSpec;
    }

    @Override
    public LossDescription call() {
        MemberRuntime runtime = runtime();
        try {
            return LossDescription.of(runtime.loss(lossSpec), runtime.pool().getParallelism());
        } catch (LossUnavailableException | LossSpecException e) {
            return LossDescription.failure(e.getMessage());
        } catch (RuntimeException e) {
            return LossDescription.failure("member " + runtime.address() + " cannot build " + lossSpec + ": " + e);
        }
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(lossSpec);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        lossSpec = in.readString();
    }
}
