package dev.numgrad.kernel;

/**
 * The kernel façade: one {@link KernelSupport} chosen once per JVM.
 *
 * <p>Selection (property {@code numgrad.kernels}): {@code auto} (default) uses Panama when the
 * {@code jdk.incubator.vector} module is present and otherwise falls back to scalar with one
 * logged warning; {@code scalar} and {@code panama} force a choice. The selection lives in
 * {@link KernelProvider}; this class only holds the result.
 */
public final class Kernels {

    private static final KernelSupport DEFAULT = KernelProvider.select(System.getProperty("numgrad.kernels", "auto"));

    private Kernels() {
    }

    /** The kernels chosen for this JVM. */
    public static KernelSupport get() {
        return DEFAULT;
    }

    /** The scalar reference kernels, always available. */
    public static KernelSupport scalar() {
        return KernelProvider.SCALAR;
    }
}
