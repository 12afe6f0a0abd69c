package dev.numgrad.kernel;

/** Chooses a {@link KernelSupport}; the Panama implementation is loaded by name. */
final class KernelProvider {

    static final KernelSupport SCALAR = new ScalarKernelSupport();

    private KernelProvider() {
    }

    static KernelSupport select(String choice) {
        // Placeholder until the Panama provider lands (kernels issue): scalar only.
        return switch (choice) {
            case "auto", "scalar" -> SCALAR;
            default -> throw new IllegalArgumentException(
                    "unknown -Dnumgrad.kernels=" + choice + " (expected auto, scalar or panama)");
        };
    }
}
