package dev.numgrad.kernel;

import java.util.List;
import java.util.Optional;

/**
 * The kernel façade: one {@link KernelSupport} chosen once per JVM, plus named access for
 * tests, benchmarks and the CLI's {@code --kernels}.
 *
 * <p>Selection (system property {@code numgrad.kernels}, read on the first {@link #get()}):
 * <ul>
 *   <li>{@code auto} (default): Panama when the {@code jdk.incubator.vector} module is present,
 *       otherwise scalar with one logged warning ({@link System.Logger}, logger named after this
 *       class) that says how to enable the module;</li>
 *   <li>{@code scalar}: the scalar reference, always;</li>
 *   <li>{@code panama}: Panama, or an {@link IllegalStateException} that says to add
 *       {@code --add-modules jdk.incubator.vector};</li>
 *   <li>anything else: an error naming the value and the valid ones.</li>
 * </ul>
 * The library reads the property but never sets it. The selection itself lives in
 * {@link KernelProvider}; this class only exposes the result.
 */
public final class Kernels {

    /** The names {@link #byName(String)} accepts: auto, scalar, panama. */
    public static final List<String> CHOICES = KernelProvider.CHOICES;

    private Kernels() {
    }

    /**
     * The kernels chosen for this JVM by {@code -Dnumgrad.kernels} (default auto).
     *
     * @return the kernels, the same instance on every call
     * @throws IllegalStateException if the property names no valid choice, or forces panama on
     *                               a JVM without the vector module (on every call)
     */
    public static KernelSupport get() {
        if (Default.KERNELS == null) {
            throw new IllegalStateException("-D" + KernelProvider.PROPERTY + "=" + Default.CHOICE + ": "
                    + Default.FAILURE.getMessage(), Default.FAILURE);
        }
        return Default.KERNELS;
    }

    /** {@return the scalar reference kernels, always available} */
    public static KernelSupport scalar() {
        return KernelProvider.SCALAR;
    }

    /** {@return the Panama kernels, or empty when this JVM lacks {@code jdk.incubator.vector}} */
    public static Optional<KernelSupport> panama() {
        return KernelProvider.panama();
    }

    /**
     * Whether the compiler directive that inlines the Panama kernels' vector math is in effect
     * in this JVM, and if not, why ({@link JitDirective}). numgrad installs it when it first
     * selects its Panama kernels ({@link #get()} choosing them, {@link #panama()}, or
     * {@link #byName(String)}); {@code -Dnumgrad.jitDirective=false} switches it off. This method
     * only reports; it installs nothing.
     *
     * @return {@link JitDirective.State#NOT_ATTEMPTED} until the Panama kernels are first selected,
     *         then the outcome of that one attempt
     */
    public static JitDirective jitDirective() {
        return VectorMathInlining.status();
    }

    /**
     * The kernels for an explicit choice, independent of the system property.
     *
     * @param name auto, scalar or panama (case-insensitive)
     * @return the kernels
     * @throws IllegalArgumentException if {@code name} is none of {@link #CHOICES}
     * @throws IllegalStateException    if {@code name} is panama and this JVM cannot run it
     */
    public static KernelSupport byName(String name) {
        return KernelProvider.resolve(name);
    }

    /** Resolves the property once; a bad value is kept and reported by every {@link #get()}. */
    private static final class Default {
        static final String CHOICE = System.getProperty(KernelProvider.PROPERTY, "auto");
        static final KernelSupport KERNELS;
        static final RuntimeException FAILURE;

        static {
            KernelSupport kernels = null;
            RuntimeException failure = null;
            try {
                kernels = KernelProvider.resolve(CHOICE);
            } catch (IllegalArgumentException | IllegalStateException e) {
                failure = e;
            }
            KERNELS = kernels;
            FAILURE = failure;
        }
    }
}
