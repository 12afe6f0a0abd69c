package dev.numgrad.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;

/**
 * Makes a member fetch a gradient's parameter vector into its {@link MemberRuntime}, exactly as
 * the first block of that gradient would, and answers the vector's length (-1 when it is not in
 * the map): how {@link ClusterOverheads} times the broadcast of the parameters.
 */
final class FetchTask extends MemberTask<Integer> {

    private String gradientId;

    /** For Hazelcast's deserialization. */
    public FetchTask() {
    }

    FetchTask(String gradientId) {
        this.gradientId = gradientId;
    }

    @Override
    public Integer call() {
        MemberRuntime.Parameters parameters = runtime().parameters(gradientId);
        return parameters == null ? -1 : parameters.x().length;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(gradientId);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        gradientId = in.readString();
    }
}
