package dev.numgrad.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The command line's say over Hazelcast's logging (through java.util.logging): warnings only by
 * default, because its INFO lines would bury the few lines a user needs; {@code numgrad worker
 * --verbose} shows them all. The application decides this for its JVM; the library never does.
 */
final class HazelcastLog {

    /** Held here: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
    private static final Logger LOGGER = Logger.getLogger("com.hazelcast");

    private HazelcastLog() {
    }

    /** Warnings and errors only. */
    static void quiet() {
        LOGGER.setLevel(Level.WARNING);
    }

    /** Everything Hazelcast logs at INFO and above. */
    static void verbose() {
        LOGGER.setLevel(Level.INFO);
    }
}
