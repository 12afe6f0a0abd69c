package dev.numgrad.workload;

import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.kernel.Kernels;
import dev.numgrad.model.ArrayLimits;
import dev.numgrad.model.BundledLoss;
import java.util.Objects;
import org.eclipse.collections.api.factory.primitive.IntLists;
import org.eclipse.collections.api.list.primitive.ImmutableIntList;

/**
 * A validated standard workload with its sizes, e.g. {@code linreg(256,1000)}: what the command
 * line asks for, checked before any data is built, so a bad request fails at once with a
 * message naming the bad value, and a too-large one can be refused by its
 * {@link #estimatedBytes(int) memory estimate}.
 *
 * @param workload the kind of workload
 * @param sizes its size arguments in {@link Workload#sizes()} order
 */
public record WorkloadSpec(Workload workload, ImmutableIntList sizes) {

    /**
     * Validates the sizes.
     *
     * @throws IllegalArgumentException for the wrong number of sizes, a size below its minimum, or
     *     sizes whose arrays would not fit
     */
    public WorkloadSpec {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(sizes, "sizes");
        var expected = workload.sizes();
        if (sizes.size() != expected.size()) {
            throw new IllegalArgumentException(workload.cliName() + " takes " + expected.size()
                    + (expected.size() == 1 ? " size (" : " sizes (")
                    + workload.usage().substring(workload.cliName().length() + 1) + "), got " + sizes.size()
                    + ": " + sizes.makeString("[", ",", "]"));
        }
        for (int k = 0; k < sizes.size(); k++) {
            Workload.Size size = expected.get(k);
            if (sizes.get(k) < size.minimum()) {
                throw new IllegalArgumentException(workload.cliName() + " size " + size.name() + " must be at least "
                        + size.minimum() + ", got " + sizes.get(k));
            }
        }
        int[] raw = sizes.toArray();
        String label = workload.cliName() + sizes.makeString("(", ",", ")");
        long parameters = workload.parameterCount(raw);
        if (parameters > ArrayLimits.MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException(label + " has " + parameters
                    + " parameters, more than one Java array holds (" + ArrayLimits.MAX_ARRAY_LENGTH + ")");
        }
        long largest = workload.largestArray(raw);
        if (largest > ArrayLimits.MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException(label + " needs an array of " + largest
                    + " doubles, more than one Java array holds (" + ArrayLimits.MAX_ARRAY_LENGTH + ")");
        }
    }

    /** {@return the size arguments as a fresh array, in {@link Workload#sizes()} order} */
    public int[] sizeArray() {
        return sizes.toArray();
    }

    /**
     * The spec for a workload and sizes, e.g. {@code of("linreg", 256, 1000)}.
     *
     * @param workload the workload's name
     * @param sizes its sizes in {@link Workload#sizes()} order
     * @return the validated spec
     */
    public static WorkloadSpec of(String workload, int... sizes) {
        return new WorkloadSpec(Workload.named(workload), IntLists.immutable.of(sizes));
    }

    /**
     * Parses command-line words: a workload name and a comma-separated size list, e.g.
     * {@code parse("linreg", "256,1000")}.
     *
     * @param workload the workload's name
     * @param sizeList comma-separated sizes
     * @return the validated spec
     * @throws IllegalArgumentException for an unknown workload, a size that is not an integer,
     *     the wrong number of sizes, a size below its minimum, or sizes whose arrays would not fit
     */
    public static WorkloadSpec parse(String workload, String sizeList) {
        Workload kind = Workload.named(workload);
        if (sizeList.isBlank()) {
            throw new IllegalArgumentException("no sizes given for " + kind.cliName() + " (expected " + kind.usage() + ")");
        }
        String[] words = sizeList.split(",", -1);
        int[] sizes = new int[words.length];
        for (int k = 0; k < words.length; k++) {
            sizes[k] = parseSize(kind, words[k].trim(), sizeList);
        }
        return new WorkloadSpec(kind, IntLists.immutable.of(sizes));
    }

    private static int parseSize(Workload kind, String word, String sizeList) {
        try {
            return Integer.parseInt(word);
        } catch (NumberFormatException e) {
            String why = word.matches("[+-]?\\d+") ? " is too large (at most " + Integer.MAX_VALUE + ")" : " is not an integer";
            throw new IllegalArgumentException("size '" + word + "' in '" + sizeList + "' for " + kind.cliName() + why, e);
        }
    }

    /** {@return number of parameters (the dimension of the loss)} */
    public int parameters() {
        return (int) workload.parameterCount(sizes.toArray());
    }

    /** {@return the canonical label, e.g. {@code "linreg(256,1000)"}; also the built loss's name} */
    public String label() {
        return workload.cliName() + sizes.makeString("(", ",", ")");
    }

    /**
     * Bytes a gradient of this workload needs, as an estimate within a small factor: the loss's
     * data, plus per worker its evaluator scratch and a parameter copy, plus the caller's
     * parameter and gradient vectors and the engine's validated private copy of the parameters.
     *
     * @param workers number of worker threads, at least 1
     * @return the estimate in bytes
     */
    public long estimatedBytes(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        int[] raw = sizes.toArray();
        long parameters = workload.parameterCount(raw);
        long perWorker = workload.scratchElements(raw) + parameters;
        return Double.BYTES * (workload.dataElements(raw) + workers * perWorker + 3 * parameters);
    }

    /**
     * Builds the loss on the kernels chosen for this JVM.
     *
     * @return the loss
     */
    public BundledLoss build() {
        return build(Kernels.get());
    }

    /**
     * Builds the loss on the given kernels.
     *
     * @param kernels the arithmetic
     * @return the loss
     */
    public BundledLoss build(KernelSupport kernels) {
        return workload.build(sizes.toArray(), Objects.requireNonNull(kernels, "kernels"));
    }

    @Override
    public String toString() {
        return label();
    }
}
