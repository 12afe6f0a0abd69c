package dev.numgrad.cli;

import dev.numgrad.tour.TourCommand;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code numgrad} command line. Each job is a subcommand; a new one is a class with
 * {@code @Command} added to {@code subcommands} below.
 *
 * <p>Exit status: 0 on success, 1 when the computation fails (an engine error, an I/O error),
 * 2 for a bad argument or a request refused before any work (e.g. one that would not fit in
 * the heap); {@code descend} adds 3 for a run that diverged, and {@code descend} and {@code cost}
 * 130 for one stopped by Ctrl-C.
 * Errors are one line on stderr, never a stack trace (set {@code NUMGRAD_DEBUG=1} to see one
 * for an internal error).
 */
@Command(
        name = "numgrad",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        versionProvider = NumgradCommand.Version.class,
        description = "Fast finite-difference gradients of high-dimensional losses.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:success",
            "1:the computation failed (the message says where)",
            "2:a bad argument, or a request refused before any work",
            "1:numgrad check: the gradient check failed (its report is printed)",
            "3:numgrad descend: the descent diverged (its summary is still printed)",
            "130:numgrad descend, numgrad cost: interrupted by Ctrl-C (what was done is still printed and written)"
        },
        subcommands = {
            CostCommand.class,
            GradientCommand.class,
            DescendCommand.class,
            CheckCommand.class,
            TourCommand.class,
            WorkerCommand.class,
            PingCommand.class,
            CommandLine.HelpCommand.class,
            AutoComplete.GenerateCompletion.class
        })
public final class NumgradCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Runs the command line in this JVM and exits with its status. */
    public static void main(String[] args) {
        // Plots are drawn off-screen; without this AWT may look for a display. The application
        // decides this for its JVM; the library never does.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        HazelcastLog.quiet();
        PrintWriter out = new PrintWriter(System.out, true, System.out.charset());
        PrintWriter err = new PrintWriter(System.err, true, System.err.charset());
        int status;
        try {
            status = execute(out, err, args);
        } catch (OutOfMemoryError e) {
            // Outside a run (which reports its own): the heap was too small to even parse the
            // command line, or a thread could not start. One line, not the JVM's stack trace.
            err.println("numgrad: " + ResourceFailure.atStartup(e).getMessage());
            err.flush();
            status = CommandLine.ExitCode.SOFTWARE;
        }
        System.exit(status);
    }

    /**
     * Runs the command line in this JVM without exiting: what {@link #main} does, for tests and
     * for embedding.
     *
     * @param out where results go
     * @param err where errors, progress and warnings go
     * @return the exit status
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new NumgradCommand())
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler(CliErrors::onBadArgument)
                .setExecutionExceptionHandler(CliErrors::onFailure);
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** No subcommand: show what there is. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** The project version from the jar's manifest, and the JVM it runs on. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = NumgradCommand.class.getPackage().getImplementationVersion();
            return new String[] {
                "numgrad " + (version == null ? "(development build)" : version),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
                "vector API module " + (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                        ? "present" : "absent (run with --add-modules jdk.incubator.vector)")
            };
        }
    }
}
