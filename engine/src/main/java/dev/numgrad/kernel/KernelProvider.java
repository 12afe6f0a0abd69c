package dev.numgrad.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses a {@link KernelSupport}. The Panama implementation is loaded by name, and only after
 * the {@code jdk.incubator.vector} module is found in the boot layer, so that this class (and
 * the whole engine) links and runs on a JVM started without {@code --add-modules}.
 *
 * <p>{@code auto} also falls back to scalar when the JVM runs without its optimising compiler
 * (C2: {@code -XX:TieredStopAtLevel=1..3}, {@code -Xint}): the Vector API is only fast once C2
 * turns it into SIMD instructions, and its Java fallback is about 30 times slower than the
 * scalar kernels (measured under C1: 0.3 µs per tanh element against 10 ns). Forcing
 * {@code panama} is still honoured there.
 *
 * <p>{@link #select(String, boolean, boolean)} is the whole decision as a function of its
 * inputs, for tests; {@link #resolve(String)} feeds it the real module lookup and JIT
 * description and logs the fallback warning at most once per JVM (the {@link Auto} holder class
 * is initialised once).
 */
final class KernelProvider {

    /** System property that forces a choice; read once by {@link Kernels#get()}. */
    static final String PROPERTY = "numgrad.kernels";

    static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** The valid choices, in the order messages list them. */
    static final List<String> CHOICES = List.of("auto", "scalar", "panama");

    static final KernelSupport SCALAR = new ScalarKernelSupport();

    private static final String PANAMA_CLASS = "dev.numgrad.kernel.panama.PanamaKernelSupport";

    private static final String HOW_TO_ENABLE = "run java with --add-modules jdk.incubator.vector";

    private KernelProvider() {
    }

    /**
     * The outcome of a selection.
     *
     * @param kernels the chosen kernels
     * @param warning the message to log once when {@code auto} fell back to scalar
     */
    record Selection(KernelSupport kernels, Optional<String> warning) {
        Selection {
            Objects.requireNonNull(kernels, "kernels");
            Objects.requireNonNull(warning, "warning");
        }
    }

    /**
     * Selects kernels for {@code choice} given what this JVM offers.
     *
     * @param choice          auto, scalar or panama (case and surrounding blanks ignored)
     * @param moduleAvailable whether {@code jdk.incubator.vector} is in the boot layer
     * @param optimizingJit   whether the C2 compiler is enabled ({@link #optimizingJitEnabled})
     * @throws IllegalArgumentException if {@code choice} is none of {@link #CHOICES}
     * @throws IllegalStateException    if {@code choice} is panama and Panama cannot be used
     */
    static Selection select(String choice, boolean moduleAvailable, boolean optimizingJit) {
        return switch (normalize(choice)) {
            case "scalar" -> new Selection(SCALAR, Optional.empty());
            case "panama" -> new Selection(requirePanama(moduleAvailable), Optional.empty());
            case "auto" -> auto(moduleAvailable, optimizingJit);
            default -> throw new IllegalArgumentException("unknown kernels '" + choice + "'; valid values: "
                    + String.join(", ", CHOICES));
        };
    }

    /**
     * Selects kernels for {@code choice} on this JVM, logging the auto fallback once.
     *
     * @throws IllegalArgumentException if {@code choice} is none of {@link #CHOICES}
     * @throws IllegalStateException    if {@code choice} is panama and Panama cannot be used
     */
    static KernelSupport resolve(String choice) {
        if (normalize(choice).equals("auto")) {
            return Auto.KERNELS;
        }
        return select(choice, vectorModuleAvailable(), optimizingJitEnabled()).kernels();
    }

    /** The Panama kernels when this JVM can run them. */
    static Optional<KernelSupport> panama() {
        return vectorModuleAvailable() ? Optional.ofNullable(PanamaHolder.KERNELS) : Optional.empty();
    }

    static boolean vectorModuleAvailable() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /**
     * Whether HotSpot's C2 compiler is on, read from {@code java.vm.info} as Lucene does: it
     * says "emulated-client" under {@code -XX:TieredStopAtLevel} below 4 and "interpreted mode"
     * under {@code -Xint}. Other JVMs are given the benefit of the doubt.
     */
    static boolean optimizingJitEnabled() {
        String info = System.getProperty("java.vm.info", "");
        return !info.contains("emulated-client") && !info.contains("interpreted mode");
    }

    private static String normalize(String choice) {
        return Objects.requireNonNull(choice, "kernels choice").strip().toLowerCase(Locale.ROOT);
    }

    private static Selection auto(boolean moduleAvailable, boolean optimizingJit) {
        if (!moduleAvailable) {
            return new Selection(SCALAR, Optional.of("the " + VECTOR_MODULE
                    + " module is not available, so numgrad uses its scalar kernels (slower; results agree within the kernels' accuracy contract); "
                    + HOW_TO_ENABLE + " for the SIMD kernels"));
        }
        if (!optimizingJit) {
            return new Selection(SCALAR, Optional.of("the C2 compiler is disabled (java.vm.info: "
                    + System.getProperty("java.vm.info") + "), and without it the Vector API runs slower than plain "
                    + "loops, so numgrad uses its scalar kernels; drop -XX:TieredStopAtLevel / -Xint for the SIMD "
                    + "kernels, or force them with -D" + PROPERTY + "=panama"));
        }
        if (PanamaHolder.KERNELS == null) {
            return new Selection(SCALAR, Optional.of("the Panama kernels failed to load (" + PanamaHolder.FAILURE
                    + "), so numgrad uses its scalar kernels"));
        }
        return new Selection(PanamaHolder.KERNELS, Optional.empty());
    }

    private static KernelSupport requirePanama(boolean moduleAvailable) {
        if (!moduleAvailable) {
            throw new IllegalStateException("panama kernels need the " + VECTOR_MODULE + " module, which this JVM "
                    + "was started without: " + HOW_TO_ENABLE + ", or choose -D" + PROPERTY + "=auto or scalar");
        }
        if (PanamaHolder.KERNELS == null) {
            throw new IllegalStateException("the Panama kernels failed to load: " + PanamaHolder.FAILURE,
                    PanamaHolder.FAILURE);
        }
        return PanamaHolder.KERNELS;
    }

    private static void warnFallback(String message) {
        System.getLogger(Kernels.class.getName()).log(System.Logger.Level.WARNING, message);
    }

    /**
     * Loads Panama on first use, after installing the compiler directive that inlines its vector
     * math ({@link VectorMathInlining}); touched only once the module is known to be present.
     */
    private static final class PanamaHolder {
        static final KernelSupport KERNELS;
        static final Throwable FAILURE;

        static {
            KernelSupport kernels = null;
            Throwable failure = null;
            try {
                // before any Panama kernel can run, so that no kernel is compiled without it
                VectorMathInlining.install();
                Class<?> type = Class.forName(PANAMA_CLASS);
                kernels = (KernelSupport) MethodHandles.publicLookup()
                        .findConstructor(type, MethodType.methodType(void.class))
                        .invoke();
            } catch (Throwable t) { // LinkageError, ReflectiveOperationException, or the constructor's own
                failure = t;
            }
            KERNELS = kernels;
            FAILURE = failure;
        }
    }

    /** The {@code auto} choice for this JVM; its initialiser logs the fallback warning once. */
    private static final class Auto {
        static final KernelSupport KERNELS;

        static {
            Selection selection = select("auto", vectorModuleAvailable(), optimizingJitEnabled());
            selection.warning().ifPresent(KernelProvider::warnFallback);
            KERNELS = selection.kernels();
        }
    }
}
