package dev.numgrad.cli;

import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.kernel.Kernels;
import java.util.Iterator;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code --kernels} option of every subcommand that runs a loss (a picocli mixin).
 *
 * <p>The choice is handed to the workload as a {@link KernelSupport}, so the command line never
 * sets {@code numgrad.kernels}. Without the option the JVM's own choice stands: the
 * {@code -Dnumgrad.kernels} property (e.g. through {@code NUMGRAD_JAVA_OPTS}), else auto.
 */
final class KernelsOption {

    @Option(names = "--kernels", paramLabel = "KERNELS", completionCandidates = Names.class,
            description = "Loss kernels: ${COMPLETION-CANDIDATES} (auto: Panama SIMD when the vector"
                    + " module is present). Default: -Dnumgrad.kernels if the JVM has it, else auto.")
    String choice;

    /**
     * The kernels to build the loss on.
     *
     * @param spec the command, for the error
     * @throws ParameterException (exit 2, one line) for an unknown choice, or panama on a JVM
     *     without the vector module
     */
    KernelSupport resolve(CommandSpec spec) {
        try {
            return choice == null ? Kernels.get() : Kernels.byName(choice);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ParameterException(spec.commandLine(), (choice == null ? "" : "--kernels: ") + e.getMessage());
        }
    }

    /** The choices, for help and completion. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Kernels.CHOICES.iterator();
        }
    }
}
