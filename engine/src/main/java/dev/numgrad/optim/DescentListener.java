package dev.numgrad.optim;

/**
 * Hears about each iterate as the loop evaluates it, on the loop's own thread; for progress
 * bars and live plots. Called once per trace row, iterate 0 (the start) included, before the
 * loop decides whether to stop. A slow listener slows the run.
 */
@FunctionalInterface
public interface DescentListener {

    /**
     * Hears one evaluated iterate.
     *
     * @param iteration the iterate's index; 0 is the start
     * @param loss f at that iterate
     * @param gradientNorm ‖∇f‖₂ at that iterate, before clipping
     */
    void onIteration(int iteration, double loss, double gradientNorm);

    /** {@return a listener that ignores everything} */
    static DescentListener none() {
        return (iteration, loss, gradientNorm) -> {
        };
    }
}
