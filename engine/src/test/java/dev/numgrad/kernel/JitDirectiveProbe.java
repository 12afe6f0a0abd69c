package dev.numgrad.kernel;

/**
 * Main class for {@link JitDirectiveTest}: prints the directive's state before and after the
 * Panama kernels are selected, its detail, whether a second install returns the first outcome,
 * and a softplus value to show that the kernels work whatever became of the directive.
 */
public final class JitDirectiveProbe {

    private JitDirectiveProbe() {
    }

    public static void main(String[] args) {
        System.out.println("before " + Kernels.jitDirective().state());
        KernelSupport panama = Kernels.panama().orElseThrow();
        JitDirective status = Kernels.jitDirective();
        System.out.println("after " + status.state());
        System.out.println("detail " + status.detail());
        System.out.println("sameOnSecondInstall " + (VectorMathInlining.install() == status));
        double[] out = new double[1];
        panama.softplus(new double[]{0.0}, out, 0, 1);
        System.out.println("softplusOfZero " + out[0]);
    }
}
