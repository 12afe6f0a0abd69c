package dev.numgrad.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;

/**
 * What a member sends back for one block: its slice of the gradient, or why it has none. A task
 * never throws for a failure it understands, so that the caller sees the member's own message
 * whether it talks to the cluster as a client or as a member (a client turns unknown exception
 * classes into a generic error).
 */
final class BlockOutcome implements DataSerializable {

    /** How a block ended. */
    enum Kind {
        /** The slice is computed. */
        DONE,
        /** The loss failed at some coordinate; it would fail anywhere, so the gradient fails. */
        LOSS_FAILED,
        /** This member cannot build the loss. */
        LOSS_UNAVAILABLE,
        /** The parameter vector was not in the map (a lost partition): put it again and retry. */
        PARAMETERS_MISSING,
        /** The gradient was cancelled on the member before the block finished. */
        CANCELLED
    }

    private Kind kind;
    private int lo;
    private double[] values;
    private double[] errors;
    private long evaluations;
    private String errorType;
    private String message;

    /** For Hazelcast's deserialization. */
    public BlockOutcome() {
    }

    static BlockOutcome done(int lo, double[] values, double[] errors, long evaluations) {
        BlockOutcome outcome = new BlockOutcome();
        outcome.kind = Kind.DONE;
        outcome.lo = lo;
        outcome.values = values;
        outcome.errors = errors;
        outcome.evaluations = evaluations;
        return outcome;
    }

    static BlockOutcome failed(Kind kind, int lo, Throwable error) {
        BlockOutcome outcome = new BlockOutcome();
        outcome.kind = kind;
        outcome.lo = lo;
        outcome.errorType = error.getClass().getName();
        outcome.message = error.getMessage() == null ? error.toString() : error.getMessage();
        return outcome;
    }

    static BlockOutcome missingParameters(int lo) {
        BlockOutcome outcome = new BlockOutcome();
        outcome.kind = Kind.PARAMETERS_MISSING;
        outcome.lo = lo;
        return outcome;
    }

    Kind kind() {
        return kind;
    }

    /** The first coordinate of the block. */
    int lo() {
        return lo;
    }

    /** The slice: values()[k] is the derivative along lo + k. */
    double[] values() {
        return values;
    }

    /** The slice's error estimates, or null when the scheme gives none. */
    double[] errors() {
        return errors;
    }

    long evaluations() {
        return evaluations;
    }

    String errorType() {
        return errorType;
    }

    String message() {
        return message;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeByte(kind.ordinal());
        out.writeInt(lo);
        out.writeDoubleArray(values);
        out.writeDoubleArray(errors);
        out.writeLong(evaluations);
        out.writeString(errorType);
        out.writeString(message);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        kind = Kind.values()[in.readByte()];
        lo = in.readInt();
        values = in.readDoubleArray();
        errors = in.readDoubleArray();
        evaluations = in.readLong();
        errorType = in.readString();
        message = in.readString();
    }
}
