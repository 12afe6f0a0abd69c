package dev.numgrad.cluster;

import dev.numgrad.fd.Scheme;
import dev.numgrad.fd.StepPolicy;
import dev.numgrad.gradient.Mode;
import java.io.IOException;
import java.util.Objects;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;

/**
 * How every block of one cluster gradient is differenced: the parts of a
 * {@link dev.numgrad.gradient.NumericGradient} configuration that travel to members (the
 * execution, progress and cancellation stay with the caller), in a compact wire form.
 *
 * @param scheme the finite-difference formula
 * @param steps the step policy
 * @param mode black-box or delta
 * @param probeBatch the most black-box probe points per loss pass, at least 1
 */
record Recipe(Scheme scheme, StepPolicy steps, Mode mode, int probeBatch) {

    Recipe {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(steps, "steps");
        Objects.requireNonNull(mode, "mode");
        if (probeBatch < 1) {
            throw new IllegalArgumentException("probe batch must be at least 1, got " + probeBatch);
        }
    }

    void writeTo(ObjectDataOutput out) throws IOException {
        out.writeString(scheme.id());
        out.writeString(mode.id());
        out.writeInt(probeBatch);
        switch (steps) {
            case StepPolicy.Absolute absolute -> {
                out.writeByte(0);
                out.writeDouble(absolute.h());
            }
            case StepPolicy.Relative relative -> {
                out.writeByte(1);
                out.writeDouble(relative.r());
            }
            case StepPolicy.ScaledToScheme scaled -> out.writeByte(2);
        }
    }

    static Recipe readFrom(ObjectDataInput in) throws IOException {
        Scheme scheme = Scheme.parse(in.readString());
        Mode mode = Mode.parse(in.readString());
        int probeBatch = in.readInt();
        byte kind = in.readByte();
        StepPolicy steps = switch (kind) {
            case 0 -> StepPolicy.absolute(in.readDouble());
            case 1 -> StepPolicy.relative(in.readDouble());
            case 2 -> StepPolicy.scaledToScheme();
            default -> throw new IOException("unknown step policy kind " + kind);
        };
        return new Recipe(scheme, steps, mode, probeBatch);
    }
}
