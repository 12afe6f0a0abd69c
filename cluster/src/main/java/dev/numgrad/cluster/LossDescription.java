package dev.numgrad.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import dev.numgrad.loss.DeltaLoss;
import dev.numgrad.loss.Loss;
import dev.numgrad.loss.ProbeBatchLoss;
import java.io.IOException;

/**
 * What one member reports about a loss specification before a gradient starts: the loss as the
 * member built it (dimension, name, whether delta mode and batched probes work) and the cores it computes with, or
 * why it cannot build the loss.
 */
final class LossDescription implements DataSerializable {

    private String failure;
    private int dimension;
    private String name;
    private boolean delta;
    private boolean probeBatch;
    private int cores;

    /** For Hazelcast's deserialization. */
    public LossDescription() {
    }

    static LossDescription of(Loss loss, int cores) {
        LossDescription description = new LossDescription();
        description.dimension = loss.dimension();
        description.name = loss.name();
        description.delta = loss instanceof DeltaLoss;
        description.probeBatch = loss instanceof ProbeBatchLoss;
        description.cores = cores;
        return description;
    }

    static LossDescription failure(String message) {
        LossDescription description = new LossDescription();
        description.failure = message;
        return description;
    }

    /** Why the member cannot build the loss, or null when it can. */
    String failure() {
        return failure;
    }

    int dimension() {
        return dimension;
    }

    String name() {
        return name;
    }

    boolean delta() {
        return delta;
    }

    /** Whether black-box probes can be batched ({@link ProbeBatchLoss}). */
    boolean probeBatch() {
        return probeBatch;
    }

    /** The member's fork/join parallelism. */
    int cores() {
        return cores;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(failure);
        out.writeInt(dimension);
        out.writeString(name);
        out.writeBoolean(delta);
        out.writeBoolean(probeBatch);
        out.writeInt(cores);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        failure = in.readString();
        dimension = in.readInt();
        name = in.readString();
        delta = in.readBoolean();
        probeBatch = in.readBoolean();
        cores = in.readInt();
    }
}
