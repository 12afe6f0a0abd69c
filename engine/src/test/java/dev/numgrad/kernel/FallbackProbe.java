package dev.numgrad.kernel;

/**
 * Main class for {@link ScalarFallbackTest}: run in a child JVM, it prints the chosen kernels'
 * name and a dot product, asking for the default kernels three ways (twice by default, once by name) so that a repeated
 * warning would show.
 */
public final class FallbackProbe {

    private FallbackProbe() {
    }

    public static void main(String[] args) {
        KernelSupport first = Kernels.get();
        KernelSupport again = Kernels.get();
        KernelSupport named = Kernels.byName(System.getProperty("numgrad.kernels", "auto"));
        if (first != again || first != named) {
            throw new AssertionError("default kernels changed between calls");
        }
        double[] a = {1, 2, 3};
        System.out.println(first.name() + " " + first.dot(a, 0, a, 0, 3) + " panamaPresent="
                + Kernels.panama().isPresent());
    }
}
