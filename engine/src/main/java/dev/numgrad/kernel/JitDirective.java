package dev.numgrad.kernel;

import java.util.Objects;

/**
 * Whether this JVM's compiler inlines the Panama kernels' vector math into the loops that call
 * it, and if not, why: the outcome of the HotSpot compiler directive numgrad installs the first
 * time it selects its Panama kernels ({@link Kernels#jitDirective()}).
 *
 * <p>Why it matters: C2 keeps a {@code jdk.incubator.vector} vector in registers only while the
 * code using it is inlined into one compilation. When {@code VectorMath.exp} (or log1p, tanh,
 * expm1) grows hot enough to get a C2 compile of its own before the kernel loop calling it, C2
 * declines to inline it later ("already compiled into a medium method") and boxes every vector
 * crossing the call: on such JVM starts a logistic-regression gradient ran 2–3× slower. The
 * directive forces that inlining for callers in {@code dev.numgrad}, the same as the launcher's
 * {@code -XX:CompileCommand=inline,dev.numgrad.kernel.panama.VectorMath::*}. Results are the same
 * bits either way; only speed and allocation differ.
 *
 * @param state  what happened
 * @param detail a sentence for people: the directive installed, or why it is not
 */
public record JitDirective(State state, String detail) {

    /** System property that switches the directive off: {@code -Dnumgrad.jitDirective=false}. */
    public static final String PROPERTY = "numgrad.jitDirective";

    /** What became of the directive in this JVM. */
    public enum State {
        /** Installed: compiles from now on inline the vector math into dev.numgrad callers. */
        INSTALLED,
        /**
         * Not needed: the JVM's command line already forces the inlining with
         * {@code -XX:CompileCommand=inline,dev.numgrad.kernel.panama.VectorMath::*}, as the
         * {@code numgrad} launcher passes; adding the directive would only cost start-up time.
         */
        COMMAND_LINE,
        /** Not installed because {@code -Dnumgrad.jitDirective=false} asked so. */
        SWITCHED_OFF,
        /**
         * Not installed because this JVM could not take it (no {@code jdk.management} module, no
         * DiagnosticCommand MBean, an unwritable temporary directory, a refusal); the engine
         * works, but some starts may run the transcendental kernels slower.
         */
        UNAVAILABLE,
        /** Not (yet) attempted: the Panama kernels have not been selected in this JVM. */
        NOT_ATTEMPTED
    }

    /**
     * Validates the fields.
     *
     * @throws NullPointerException if either is null
     */
    public JitDirective {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detail, "detail");
    }

    /** {@return whether VectorMath is forced inline in this JVM: by the directive or by the command line} */
    public boolean inEffect() {
        return state == State.INSTALLED || state == State.COMMAND_LINE;
    }
}
