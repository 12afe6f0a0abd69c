package dev.numgrad.cli;

/**
 * Says which resource ran out when the JVM throws {@link OutOfMemoryError}: the heap, or the
 * native threads the operating system would give (the JVM reports both as out of memory, and
 * blaming the heap for a process limit sends a user the wrong way).
 */
final class ResourceFailure {

    private ResourceFailure() {
    }

    /**
     * The failure to report for {@code error}.
     *
     * @param error what the JVM threw
     * @param estimatedBytes what the request was estimated to need, for the heap message
     * @return a one-line failure with exit status 1
     */
    static CliFailure of(OutOfMemoryError error, long estimatedBytes) {
        return describe(error, "although the estimate was " + Bytes.format(estimatedBytes));
    }

    /**
     * The failure to report for {@code error} thrown before a command could run (the heap too
     * small even to parse the command line).
     *
     * @param error what the JVM threw
     * @return a one-line failure with exit status 1
     */
    static CliFailure atStartup(OutOfMemoryError error) {
        return describe(error, "before the command could start");
    }

    private static CliFailure describe(OutOfMemoryError error, String when) {
        String message = error.getMessage() == null ? "" : error.getMessage();
        if (message.contains("native thread")) {
            return new CliFailure("cannot start a thread: " + message + "; use fewer --threads or raise the"
                    + " process limit (ulimit -u)", error);
        }
        return new CliFailure("ran out of heap (" + Bytes.format(Runtime.getRuntime().maxMemory()) + ") " + when
                + "; raise NUMGRAD_HEAP", error);
    }
}
