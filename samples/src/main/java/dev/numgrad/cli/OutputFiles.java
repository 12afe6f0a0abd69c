package dev.numgrad.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The files a command will write, checked before any work: a run that took minutes must not
 * lose its output to a typo, a missing directory or a permission. Each file gets the checks that
 * {@link AtomicFile} will need at the end: a non-empty name, a directory that exists, a target
 * that is not a directory, and a directory in which a temporary file can be created (tried for
 * real, so the message is the operating system's: "Permission denied", "Read-only file system").
 * Two options that name one file, directly or through symbolic links, are refused too: the
 * second write would replace the first.
 */
public final class OutputFiles {

    private final CommandSpec spec;
    /** Each checked file's real location (links resolved) and the option that named it. */
    private final Map<Path, String> seen = new LinkedHashMap<>();

    /**
     * A check for one command's outputs.
     *
     * @param spec the command, whose usage errors (exit 2) the checks raise
     */
    public OutputFiles(CommandSpec spec) {
        this.spec = spec;
    }

    /**
     * Checks one output; nothing is left behind.
     *
     * @param option the option that named the file, for the error
     * @param file the file, or null when the option was not given
     * @return this, to check the next
     * @throws ParameterException (exit 2, one line) naming the option, the file and the reason
     */
    public OutputFiles check(String option, Path file) {
        if (file == null) {
            return this;
        }
        if (file.toString().isBlank()) {
            throw bad(option + ": the file name is empty");
        }
        Path target;
        try {
            target = AtomicFile.resolveLinks(file);
        } catch (IOException e) {
            throw bad(option + " " + file + ": " + IoReason.of(e));
        }
        Path parent = target.getParent();
        if (!Files.isDirectory(parent)) {
            throw bad(option + " " + file + ": directory " + parent
                    + (Files.exists(parent) ? " is not a directory" : " does not exist"));
        }
        if (Files.isDirectory(target)) {
            throw bad(option + " " + file + " is a directory");
        }
        try {
            Files.delete(Files.createTempFile(parent, "." + target.getFileName() + ".", ".check"));
            target = parent.toRealPath().resolve(target.getFileName());
        } catch (IOException e) {
            throw bad(option + " " + file + ": cannot write in " + parent + ": " + IoReason.of(e));
        }
        String earlier = seen.putIfAbsent(target, option);
        if (earlier != null) {
            throw bad(earlier + " and " + option + " name the same file " + target);
        }
        return this;
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
