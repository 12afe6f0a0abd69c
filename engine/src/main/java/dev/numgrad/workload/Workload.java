package dev.numgrad.workload;

import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.model.BundledLoss;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kinds of standard workload ({@code WORKLOADS.md}), each with its sizes, parameter count,
 * memory footprint and factory. Sizes arrive already validated by {@link WorkloadSpec}, which is
 * the public way in; the methods taking raw {@code int[]} sizes are package-private.
 *
 * <p>Adding a workload is one constant here (its sizes and four one-line methods) plus its
 * factory in {@link Workloads}; parsing, validation and messages follow from the constant.
 */
public enum Workload {

    /** Sum of squares, sumsq(n): n parameters. */
    SUMSQ("sumsq", new Size("n", 1)) {
        @Override
        long parameterCount(int[] s) {
            return s[0];
        }

        @Override
        long largestArray(int[] s) {
            return s[0];
        }

        @Override
        long dataElements(int[] s) {
            return 0;
        }

        @Override
        long scratchElements(int[] s) {
            return s[0]; // the delta evaluator's copy of x
        }

        @Override
        BundledLoss build(int[] s, KernelSupport kernels) {
            return Workloads.sumsq(s[0], kernels);
        }
    },

    /** The chained Rosenbrock function, rosen(n): n parameters, n ≥ 2. */
    ROSEN("rosen", new Size("n", 2)) {
        @Override
        long parameterCount(int[] s) {
            return s[0];
        }

        @Override
        long largestArray(int[] s) {
            return s[0];
        }

        @Override
        long dataElements(int[] s) {
            return 0;
        }

        @Override
        long scratchElements(int[] s) {
            return s[0]; // the delta evaluator's copy of x; the value needs no scratch
        }

        @Override
        BundledLoss build(int[] s, KernelSupport kernels) {
            return Workloads.rosen(s[0], kernels);
        }
    },

    /** Linear least squares, linreg(m, n): m samples, n parameters. */
    LINREG("linreg", new Size("m", 1), new Size("n", 1)) {
        @Override
        long parameterCount(int[] s) {
            return s[1];
        }

        @Override
        long largestArray(int[] s) {
            return (long) s[0] * s[1];
        }

        @Override
        long dataElements(int[] s) {
            return 3L * s[0] * s[1] + s[0] + s[1]; // X built once, then held row- and column-major
        }

        @Override
        long scratchElements(int[] s) {
            return s[0];
        }

        @Override
        BundledLoss build(int[] s, KernelSupport kernels) {
            return Workloads.linreg(s[0], s[1], kernels);
        }
    },

    /** Logistic regression, logreg(m, n): m samples, n parameters. */
    LOGREG("logreg", new Size("m", 1), new Size("n", 1)) {
        @Override
        long parameterCount(int[] s) {
            return s[1];
        }

        @Override
        long largestArray(int[] s) {
            return (long) s[0] * s[1];
        }

        @Override
        long dataElements(int[] s) {
            return 3L * s[0] * s[1] + s[0];
        }

        @Override
        long scratchElements(int[] s) {
            return 5L * s[0]; // the delta evaluator's per-sample cache
        }

        @Override
        BundledLoss build(int[] s, KernelSupport kernels) {
            return Workloads.logreg(s[0], s[1], kernels);
        }
    },

    /** The one-hidden-layer tanh network; its sizes and memory come from {@link MlpWorkload}. */
    MLP("mlp", new Size("d", 1), new Size("h", 1), new Size("k", 2), new Size("b", 1)) {
        @Override
        long parameterCount(int[] s) {
            return MlpWorkload.parameterCount(s[0], s[1], s[2]);
        }

        @Override
        long largestArray(int[] s) {
            return mlp(s).largestArray();
        }

        @Override
        long dataElements(int[] s) {
            return mlp(s).dataElements();
        }

        @Override
        long scratchElements(int[] s) {
            return mlp(s).workerScratchElements();
        }

        @Override
        BundledLoss build(int[] s, KernelSupport kernels) {
            return mlp(s).loss(kernels);
        }

        /** Called only after {@link WorkloadSpec} checked the parameter count, so it constructs. */
        private static MlpWorkload mlp(int[] s) {
            return new MlpWorkload(s[0], s[1], s[2], s[3]);
        }
    };

    /**
     * One size argument: its name in messages and help, and its smallest allowed value.
     *
     * @param name the size's name, e.g. {@code "n"}
     * @param minimum its smallest allowed value
     */
    public record Size(String name, int minimum) {
    }

    private final String cliName;
    private final List<Size> sizes;

    Workload(String cliName, Size... sizes) {
        this.cliName = cliName;
        this.sizes = List.of(sizes);
    }

    /** {@return the lower-case name used on the command line and in labels, e.g. {@code "linreg"}} */
    public String cliName() {
        return cliName;
    }

    /** {@return the size arguments, in order} */
    public List<Size> sizes() {
        return sizes;
    }

    /** {@return name and size names for help text, e.g. {@code "linreg m,n"}} */
    public String usage() {
        return cliName + " " + sizes.stream().map(Size::name).collect(Collectors.joining(","));
    }

    /**
     * The workload with this command-line name (case-insensitive).
     *
     * @param name e.g. {@code "linreg"}
     * @return the workload
     * @throws IllegalArgumentException naming the unknown workload and listing the valid ones
     */
    public static Workload named(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        for (Workload workload : values()) {
            if (workload.cliName.equals(key)) {
                return workload;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + name + "' (expected one of "
                + Arrays.stream(values()).map(Workload::cliName).collect(Collectors.joining(", ")) + ")");
    }

    /** Number of parameters, in long so that overflow is detected rather than wrapped. */
    abstract long parameterCount(int[] sizes);

    /** Elements of the largest single array the loss allocates (must fit one Java array). */
    abstract long largestArray(int[] sizes);

    /** Doubles held by the loss itself (its data), at peak during construction. */
    abstract long dataElements(int[] sizes);

    /** Doubles of scratch held by the largest of one worker's evaluators. */
    abstract long scratchElements(int[] sizes);

    /** The loss, for sizes already validated by {@link WorkloadSpec}. */
    abstract BundledLoss build(int[] sizes, KernelSupport kernels);
}
