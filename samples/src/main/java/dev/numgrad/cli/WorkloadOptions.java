package dev.numgrad.cli;

import dev.numgrad.workload.Workload;
import dev.numgrad.workload.WorkloadSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --workload} and {@code --size} options of every subcommand that runs a standard
 * workload (a picocli mixin), and the list of workloads for their help.
 */
final class WorkloadOptions {

    @Option(names = {"-w", "--workload"}, required = true, paramLabel = "NAME",
            converter = WorkloadConverter.class, completionCandidates = WorkloadConverter.class,
            description = "The standard workload: ${COMPLETION-CANDIDATES}.")
    Workload workload;

    @Option(names = {"-s", "--size"}, required = true, paramLabel = "a,b,...",
            description = "Its sizes, comma-separated, as listed below; e.g. 256,1000 for linreg.")
    String size;

    /**
     * The workload at the sizes given. The caller turns a refusal into a bad argument in its
     * own words.
     *
     * @throws IllegalArgumentException for sizes the workload does not take
     */
    WorkloadSpec parse() {
        return WorkloadSpec.parse(workload.cliName(), size);
    }

    /**
     * Puts the workloads' size arguments in front of the command's footer, from the engine's own
     * list, so that the help never goes stale. Called when picocli hands over the model.
     */
    static void listWorkloadsInFooter(CommandSpec spec) {
        List<String> footer = new ArrayList<>(List.of("", "Workloads and their sizes (WORKLOADS.md):"));
        for (Workload workload : Workload.values()) {
            footer.add("  " + workload.usage());
        }
        footer.addAll(List.of(spec.usageMessage().footer()));
        spec.usageMessage().footer(footer.toArray(String[]::new));
    }

    /** Reads a workload name; its error lists the valid names. */
    static final class WorkloadConverter implements ITypeConverter<Workload>, Iterable<String> {
        @Override
        public Workload convert(String value) {
            try {
                return Workload.named(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }

        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Workload.values()).map(Workload::cliName).iterator();
        }
    }
}
