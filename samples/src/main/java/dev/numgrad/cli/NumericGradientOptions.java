package dev.numgrad.cli;

import dev.numgrad.InvalidStepException;
import dev.numgrad.fd.Scheme;
import dev.numgrad.fd.StepPolicy;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * How a numeric gradient is computed: {@code --scheme}, {@code --step}/{@code --relative-step}
 * and {@code --threads}, with their checks (a picocli mixin).
 */
final class NumericGradientOptions {

    /** The options that only a numeric gradient uses, which an exact gradient would ignore. */
    private static final List<String> NUMERIC_ONLY = List.of("--scheme", "--step", "--relative-step", "--threads");

    /** ForkJoinPool's limit on parallelism. */
    private static final int MAX_THREADS = 0x7fff;

    @Option(names = "--scheme", defaultValue = "central", paramLabel = "SCHEME",
            converter = SchemeConverter.class, completionCandidates = SchemeConverter.class,
            description = "Finite-difference scheme of a numeric gradient: ${COMPLETION-CANDIDATES}."
                    + " Default: ${DEFAULT-VALUE}.")
    Scheme scheme;

    @ArgGroup(exclusive = true)
    StepOptions step;

    @Option(names = {"-t", "--threads"}, paramLabel = "T",
            description = "Threads of a numeric gradient; 1 runs serially in the calling thread, more"
                    + " run on the calling thread and T − 1 workers of a dedicated fork/join pool."
                    + " Default: the available processors.")
    Integer threads;

    /** --step and --relative-step exclude each other; neither means the scheme's own default. */
    static final class StepOptions {
        @Option(names = "--step", paramLabel = "H", required = true,
                description = "The same absolute step h for every coordinate.")
        Double absolute;

        @Option(names = "--relative-step", paramLabel = "R", required = true,
                description = "Step h_i = R·max(|x_i|, 1). Default step: ε^(1/(order+1))·max(|x_i|, 1).")
        Double relative;

        /** @throws InvalidStepException for a step that is not positive and finite */
        StepPolicy policy() {
            return absolute != null ? StepPolicy.absolute(absolute) : StepPolicy.relative(relative);
        }

        /** For the report: "h=1.0E-4" or "relative 1.0E-6". */
        String label() {
            return absolute != null ? "h=" + absolute : "relative " + relative;
        }
    }

    /**
     * The number of workers: the available processors unless --threads says otherwise.
     *
     * @param spec the command, for the error
     * @throws ParameterException (exit 2, one line) for fewer than 1 or more than a pool runs
     */
    int workers(CommandSpec spec) {
        return workers(spec, threads);
    }

    /**
     * As {@link #workers(CommandSpec)}, for commands that declare {@code --threads} themselves.
     *
     * @param spec the command, for the error
     * @param threads the option's value, null when not given
     */
    static int workers(CommandSpec spec, Integer threads) {
        if (threads == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
        }
        if (threads > MAX_THREADS) {
            throw new ParameterException(spec.commandLine(),
                    "--threads " + threads + " is more than a fork/join pool runs (" + MAX_THREADS + ")");
        }
        return threads;
    }

    /**
     * The step policy: the scheme's own default unless a step option was given.
     *
     * @param spec the command, for the error
     * @throws ParameterException (exit 2, one line) for a step that is not positive and finite
     */
    StepPolicy stepPolicy(CommandSpec spec) {
        try {
            return step == null ? StepPolicy.scaledToScheme() : step.policy();
        } catch (InvalidStepException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * Refuses the options of this mixin that an exact gradient would ignore: a request that gives
     * them is refused rather than run as something it did not ask for. A bad value is named as
     * such first; only a valid one is refused for being ignored.
     *
     * @param spec the command, for the error and for which options were given
     * @param exact how the command names its exact gradient, e.g. "--mode backprop"
     * @throws ParameterException (exit 2, one line) naming the first such option given
     */
    void rejectForExactGradient(CommandSpec spec, String exact) {
        workers(spec);
        stepPolicy(spec);
        for (String option : NUMERIC_ONLY) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new ParameterException(spec.commandLine(), option + " shapes a numeric gradient; " + exact
                        + " computes the exact gradient and would ignore it");
            }
        }
    }

    /** For the report: "default", "h=1.0E-4" or "relative 1.0E-6". */
    String stepLabel() {
        return step == null ? "default" : step.label();
    }

    /** Reads a scheme name; its error lists the valid names. */
    static final class SchemeConverter implements ITypeConverter<Scheme>, Iterable<String> {
        @Override
        public Scheme convert(String value) {
            try {
                return Scheme.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }

        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Scheme.all()).map(Scheme::id).iterator();
        }
    }
}
