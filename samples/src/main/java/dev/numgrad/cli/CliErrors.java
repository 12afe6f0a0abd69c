package dev.numgrad.cli;

import dev.numgrad.NumgradException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every error into one line on stderr and an exit status: a user reads what is wrong and
 * which value is at fault, never a stack trace. Installed by {@link NumgradCommand#execute}.
 */
final class CliErrors {

    /** Set to any value to print the stack trace of an internal error (a bug in numgrad). */
    static final String DEBUG_VARIABLE = "NUMGRAD_DEBUG";

    private CliErrors() {
    }

    /** A bad option or option value, or a request refused before any work: exit 2. */
    static int onBadArgument(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        // Picocli starts some messages with "Error: "; the prefix below already says so.
        String message = oneLine(ex.getMessage()).replaceFirst("^Error: ", "");
        if (ex instanceof UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                message += " (did you mean " + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size()))) + "?)";
            }
        }
        PrintWriter err = commandLine.getErr();
        err.println(prefix(commandLine) + message + " (see " + commandLine.getCommandSpec().qualifiedName() + " --help)");
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }

    /**
     * A failure while the command ran: exit 1 (or a {@link CliFailure}'s own status) with its message. The engine's errors
     * ({@link NumgradException}: bad input, a loss that throws or is non-finite at coordinate i,
     * cancellation) and the command's own ({@link CliFailure}) carry messages meant for users.
     */
    static int onFailure(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (ex instanceof CliFailure failure) {
            err.println(prefix(commandLine) + describe(ex));
            err.flush();
            return failure.exitCode();
        } else if (ex instanceof NumgradException) {
            err.println(prefix(commandLine) + describe(ex));
        } else {
            // Not an error numgrad anticipates: a bug. Still one line unless asked for more.
            err.println(prefix(commandLine) + "internal error: " + ex.getClass().getName() + ": " + describe(ex)
                    + (debugging() ? "" : " (set " + DEBUG_VARIABLE + "=1 for the stack trace)"));
            if (debugging()) {
                ex.printStackTrace(err);
            }
        }
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
    }

    /** The message, followed by each cause whose message it does not already contain. */
    static String describe(Throwable ex) {
        StringBuilder text = new StringBuilder(ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage());
        for (Throwable cause = ex.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            String causeText = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            if (cause.getMessage() == null || !text.toString().contains(cause.getMessage())) {
                text.append(" (caused by ").append(causeText).append(')');
            }
        }
        return oneLine(text.toString());
    }

    private static String prefix(CommandLine commandLine) {
        return commandLine.getCommandSpec().qualifiedName() + ": ";
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static boolean debugging() {
        String value = System.getenv(DEBUG_VARIABLE);
        return value != null && !value.isEmpty() && !value.equals("0");
    }
}
