package dev.numgrad.cli;

/**
 * What the command line knows about the terminal. The JVM cannot tell whether stderr alone is
 * a terminal, so the {@code numgrad} launcher, which can ({@code [ -t 2 ]}), passes it in
 * {@code -Dnumgrad.stderr.terminal}; without the launcher the JDK's console check (stdin and
 * stdout both terminals) stands in.
 */
final class Terminal {

    static final String STDERR_PROPERTY = "numgrad.stderr.terminal";
    static final String COLUMNS_PROPERTY = "numgrad.terminal.columns";
    private static final int DEFAULT_COLUMNS = 80;

    private Terminal() {
    }

    static boolean stderrIsTerminal() {
        String told = System.getProperty(STDERR_PROPERTY);
        if (told != null) {
            return Boolean.parseBoolean(told);
        }
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }

    /** Whether stderr's encoding has the block characters of a progress bar. */
    static boolean stderrUnicode() {
        return System.err.charset().name().startsWith("UTF");
    }

    /** Width of the terminal as the launcher measured it, else 80. */
    static int columns() {
        String told = System.getProperty(COLUMNS_PROPERTY, "");
        try {
            int columns = Integer.parseInt(told.strip());
            return columns >= 20 ? columns : DEFAULT_COLUMNS;
        } catch (NumberFormatException e) {
            return DEFAULT_COLUMNS;
        }
    }
}
