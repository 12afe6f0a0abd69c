package dev.numgrad.kernel;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Installs the compiler directive of {@link JitDirective} once per JVM, through HotSpot's
 * DiagnosticCommand MBean: {@code compilerDirectivesAdd} with a JSON file, the same as
 * {@code jcmd <pid> Compiler.directives_add <file>}. A directive added at run time applies to
 * every compile that starts afterwards, so it is installed before the first Panama kernel runs.
 *
 * <p>It never fails its caller: a JVM without the management modules, without the MBean, or
 * with an unwritable temporary directory gets {@link JitDirective.State#UNAVAILABLE} with the
 * reason, logged at DEBUG on the {@link Kernels} logger. The file lives only for the call.
 *
 * <p>Skipped when the process's command line already carries the launcher's
 * {@code -XX:CompileCommand=inline,dev.numgrad.kernel.panama.VectorMath::*}
 * ({@link JitDirective.State#COMMAND_LINE}): the management interface costs about 0.2 s to start.
 *
 * <p>The match is {@code dev/numgrad/*.*}: only compiles of numgrad's own methods change, and
 * a directive a user installs for their own code is not shadowed.
 */
final class VectorMathInlining {

    /** The directive, in HotSpot's JSON format ({@code -XX:CompilerDirectivesFile}). */
    static final String DIRECTIVE = """
            [{ "match": "dev/numgrad/*.*", "inline": "+dev/numgrad/kernel/panama/VectorMath.*" }]
            """;

    static final JitDirective NOT_ATTEMPTED = new JitDirective(JitDirective.State.NOT_ATTEMPTED,
            "the Panama kernels have not been selected in this JVM");

    /** The launcher's option, in CompileCommand's dotted or slashed spelling. */
    private static final Pattern COMPILE_COMMAND = Pattern.compile(
            "-XX:CompileCommand=inline[, ]dev([./])numgrad\\1kernel\\1panama\\1VectorMath(::|\\.)\\*");

    private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";

    /** What jcmd answers when the file parsed and one directive joined the stack. */
    private static final String ADDED = "1 compiler directives added";

    private static final AtomicReference<JitDirective> STATUS = new AtomicReference<>(NOT_ATTEMPTED);

    private VectorMathInlining() {
    }

    /** {@return the outcome so far; {@link JitDirective.State#NOT_ATTEMPTED} before the first install} */
    static JitDirective status() {
        return STATUS.get();
    }

    /**
     * Installs the directive unless this JVM already tried; later calls return the first outcome.
     * Thread-safe: the attempt runs in a class initialiser, once.
     *
     * @return the outcome
     */
    static JitDirective install() {
        return Attempt.OUTCOME;
    }

    /** The attempt; its initialiser runs once per JVM, and concurrent callers wait for it. */
    private static final class Attempt {
        static final JitDirective OUTCOME = attempt();

        private static JitDirective attempt() {
            JitDirective outcome;
            if (switchedOff()) {
                outcome = new JitDirective(JitDirective.State.SWITCHED_OFF, "switched off by -D"
                        + JitDirective.PROPERTY + "=" + System.getProperty(JitDirective.PROPERTY));
            } else if (commandLineInlinesVectorMath()) {
                outcome = new JitDirective(JitDirective.State.COMMAND_LINE, "VectorMath is inlined by the JVM's "
                        + "-XX:CompileCommand option; no directive added");
            } else {
                outcome = addDirective();
            }
            if (!outcome.inEffect()) {
                System.getLogger(Kernels.class.getName()).log(System.Logger.Level.DEBUG,
                        "numgrad's compiler directive is not in effect: " + outcome.detail());
            }
            STATUS.set(outcome);
            return outcome;
        }
    }

    private static boolean switchedOff() {
        return System.getProperty(JitDirective.PROPERTY, "true").strip().toLowerCase(Locale.ROOT).equals("false");
    }

    /**
     * Whether the process was started with the launcher's CompileCommand. Read from the process's
     * own arguments (java.base, about a millisecond), not from the management interface, whose
     * start-up (about 0.2 s) is what this check saves; options the JVM reads from elsewhere
     * (JAVA_TOOL_OPTIONS, argument files) are not seen, and then the directive is added anyway.
     */
    static boolean commandLineInlinesVectorMath() {
        try {
            return ProcessHandle.current().info().arguments().stream()
                    .flatMap(Arrays::stream)
                    .anyMatch(argument -> COMPILE_COMMAND.matcher(argument).matches());
        } catch (RuntimeException e) { // e.g. a SecurityException; the directive is then added
            return false;
        }
    }

    private static JitDirective addDirective() {
        for (String module : new String[]{"java.management", "jdk.management"}) {
            if (ModuleLayer.boot().findModule(module).isEmpty()) {
                return unavailable("the " + module + " module is not in this JVM");
            }
        }
        Path file;
        try {
            file = Files.createTempFile("numgrad-jit-directive", ".json");
        } catch (IOException | RuntimeException e) {
            return unavailable("cannot write the directive file: " + e);
        }
        try {
            Files.writeString(file, DIRECTIVE, StandardCharsets.UTF_8);
            String reply = String.valueOf(DiagnosticCommand.directivesAdd(file));
            if (reply.strip().equals(ADDED)) {
                return new JitDirective(JitDirective.State.INSTALLED, "VectorMath is inlined into dev.numgrad "
                        + "callers (compiler directive added through " + DIAGNOSTIC_COMMAND + ")");
            }
            return unavailable("Compiler.directives_add answered '" + reply.strip() + "'");
        } catch (Exception | LinkageError e) {
            // JMException (no such MBean or operation), a refusal (SecurityException,
            // RuntimeMBeanException), an I/O error; LinkageError: management classes that do not link.
            // Caught as Exception so that this class never names a javax.management type itself.
            return unavailable("Compiler.directives_add failed: " + e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException | RuntimeException e) {
                System.getLogger(Kernels.class.getName()).log(System.Logger.Level.DEBUG,
                        "cannot delete " + file + ": " + e);
            }
        }
    }

    private static JitDirective unavailable(String reason) {
        return new JitDirective(JitDirective.State.UNAVAILABLE, reason);
    }

    /** The only code that names javax.management types: loaded once the modules are known present. */
    private static final class DiagnosticCommand {
        static Object directivesAdd(Path file) throws javax.management.JMException {
            javax.management.MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            return server.invoke(new javax.management.ObjectName(DIAGNOSTIC_COMMAND), "compilerDirectivesAdd",
                    new Object[]{new String[]{file.toString()}}, new String[]{String[].class.getName()});
        }
    }
}
