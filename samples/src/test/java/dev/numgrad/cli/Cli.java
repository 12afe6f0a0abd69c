package dev.numgrad.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs the command line in this JVM with captured output, as a user's shell would see it. */
record Cli(int exitCode, String out, String err) {

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = NumgradCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Cli(exitCode, out.toString(), err.toString());
    }

    /** Non-empty lines of stderr. */
    List<String> errLines() {
        return err.lines().filter(line -> !line.isBlank()).toList();
    }

    /** What a test prints when an expectation fails. */
    String transcript() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
