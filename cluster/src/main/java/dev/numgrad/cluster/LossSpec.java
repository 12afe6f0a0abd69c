package dev.numgrad.cluster;

import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.kernel.Kernels;
import dev.numgrad.loss.Loss;
import dev.numgrad.workload.WorkloadSpec;
import java.lang.reflect.InvocationTargetException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A loss described in words, so that it can be sent to cluster members and built there: losses
 * travel by description, never as closures or object graphs.
 *
 * <p>Two forms, each with a one-line text ({@link #text()}) that {@link #parse(String)} reads back:
 * <ul>
 *   <li>a standard workload with its sizes and the kernels to build it on,
 *       {@code mlp:784,128,10,32@panama} ({@link Workload}); the kernels are pinned by the
 *       caller, because the scalar and Panama kernels agree only within the accuracy contract,
 *       not bit for bit;</li>
 *   <li>a user's {@link LossFactory} by class name, with an optional argument,
 *       {@code class:com.example.QuarticFactory:1000} ({@link Factory}); the class must be on
 *       every member's class path.</li>
 * </ul>
 */
public sealed interface LossSpec permits LossSpec.Workload, LossSpec.Factory {

    /** The prefix of the factory form. */
    String FACTORY_PREFIX = "class:";

    /**
     * The one-line form that {@link #parse(String)} reads back to an equal specification.
     *
     * @return e.g. {@code mlp:784,128,10,32@panama} or {@code class:com.example.F:1000}
     */
    String text();

    /**
     * Builds the loss in this JVM: what a member does on the first block of a gradient.
     *
     * @return the loss
     * @throws LossUnavailableException if the factory class is missing or unusable here, or the
     *     kernels cannot run in this JVM (the message names {@code where})
     * @param where this JVM as other JVMs know it (a member address), for the message
     */
    Loss build(String where);

    /**
     * A standard workload on the given kernels.
     *
     * @param workload the workload and its sizes
     * @param kernels the kernels every member builds it on
     * @return the specification
     */
    static LossSpec workload(WorkloadSpec workload, KernelSupport kernels) {
        return new Workload(workload, Objects.requireNonNull(kernels, "kernels").name());
    }

    /**
     * Reads a specification: {@code NAME:SIZES[@KERNELS]} or {@code class:FACTORY[:ARGUMENT]}.
     * A workload without {@code @KERNELS} is pinned to the kernels this JVM would use
     * ({@link Kernels#get()}), so that members build exactly the loss the caller would.
     *
     * @param text the specification, e.g. {@code mlp:64,64,10,32} or {@code class:com.example.F:7}
     * @return the specification
     * @throws LossSpecException naming the text and what is wrong with it
     */
    static LossSpec parse(String text) {
        Objects.requireNonNull(text, "text");
        String spec = text.strip();
        if (spec.isEmpty()) {
            throw new LossSpecException(text, "is empty; expected NAME:SIZES[@KERNELS] (e.g. mlp:784,128,10,32)"
                    + " or class:FACTORY[:ARGUMENT]");
        }
        if (spec.startsWith(FACTORY_PREFIX)) {
            String rest = spec.substring(FACTORY_PREFIX.length());
            int colon = rest.indexOf(':');
            String className = colon < 0 ? rest : rest.substring(0, colon);
            String argument = colon < 0 ? "" : rest.substring(colon + 1);
            if (!Factory.CLASS_NAME.matcher(className).matches()) {
                throw new LossSpecException(text, "'" + className + "' is not a Java class name");
            }
            return new Factory(className, argument);
        }
        int colon = spec.indexOf(':');
        if (colon < 0) {
            throw new LossSpecException(text, "expected NAME:SIZES[@KERNELS] (e.g. mlp:784,128,10,32)"
                    + " or class:FACTORY[:ARGUMENT]; no ':' after the workload name");
        }
        int at = spec.indexOf('@', colon);
        String sizes = at < 0 ? spec.substring(colon + 1) : spec.substring(colon + 1, at);
        WorkloadSpec workload;
        try {
            workload = WorkloadSpec.parse(spec.substring(0, colon), sizes);
        } catch (IllegalArgumentException e) {
            throw new LossSpecException(text, e.getMessage(), e);
        }
        if (at < 0) {
            return new Workload(workload, Kernels.get().name());
        }
        String kernels = spec.substring(at + 1).strip().toLowerCase(Locale.ROOT);
        if (kernels.equals("auto")) {
            return new Workload(workload, Kernels.get().name());
        }
        if (!Kernels.CHOICES.contains(kernels)) {
            throw new LossSpecException(text, "unknown kernels '" + spec.substring(at + 1) + "'; valid: "
                    + String.join(", ", Kernels.CHOICES));
        }
        return new Workload(workload, kernels);
    }

    /**
     * A standard workload ({@code WORKLOADS.md}) on named kernels.
     *
     * @param workload the workload and its sizes, already validated
     * @param kernels {@code scalar} or {@code panama}
     */
    record Workload(WorkloadSpec workload, String kernels) implements LossSpec {

        /**
         * Validates the components.
         *
         * @throws IllegalArgumentException for kernels other than scalar or panama
         */
        public Workload {
            Objects.requireNonNull(workload, "workload");
            Objects.requireNonNull(kernels, "kernels");
            if (!kernels.equals("scalar") && !kernels.equals("panama")) {
                throw new IllegalArgumentException("kernels must be scalar or panama, got '" + kernels + "'");
            }
        }

        @Override
        public String text() {
            return workload.workload().cliName() + ":" + workload.sizes().makeString(",") + "@" + kernels;
        }

        @Override
        public Loss build(String where) {
            KernelSupport support;
            try {
                support = Kernels.byName(kernels);
            } catch (IllegalStateException e) {
                throw new LossUnavailableException("member " + where + " cannot build " + text() + ": "
                        + e.getMessage());
            }
            return workload.build(support);
        }
    }

    /**
     * A user's {@link LossFactory}, loaded by name on each member.
     *
     * @param className the factory's binary class name, e.g. {@code com.example.QuarticFactory}
     * @param argument handed to {@link LossFactory#create(String)}; empty for none
     */
    record Factory(String className, String argument) implements LossSpec {

        /** Dot-separated Java identifiers ({@code $} allowed for nested classes). */
        static final Pattern CLASS_NAME =
                Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

        /**
         * Validates the components.
         *
         * @throws IllegalArgumentException if {@code className} is not a Java class name
         */
        public Factory {
            Objects.requireNonNull(className, "className");
            Objects.requireNonNull(argument, "argument");
            if (!CLASS_NAME.matcher(className).matches()) {
                throw new IllegalArgumentException("'" + className + "' is not a Java class name");
            }
        }

        @Override
        public String text() {
            return FACTORY_PREFIX + className + (argument.isEmpty() ? "" : ":" + argument);
        }

        @Override
        public Loss build(String where) {
            String prefix = "member " + where + " cannot build " + text() + ": ";
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> type;
            try {
                type = Class.forName(className, true, loader != null ? loader : LossSpec.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw new LossUnavailableException(prefix + "class " + className
                        + " is not on its class path (" + e + ")");
            }
            if (!LossFactory.class.isAssignableFrom(type)) {
                throw new LossUnavailableException(prefix + "class " + className + " does not implement "
                        + LossFactory.class.getName());
            }
            LossFactory factory;
            try {
                factory = (LossFactory) type.getConstructor().newInstance();
            } catch (NoSuchMethodException e) {
                throw new LossUnavailableException(prefix + "class " + className
                        + " has no public no-argument constructor");
            } catch (InvocationTargetException e) {
                throw new LossUnavailableException(prefix + "its constructor threw " + e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new LossUnavailableException(prefix + e);
            }
            Loss loss;
            try {
                loss = factory.create(argument);
            } catch (RuntimeException e) {
                throw new LossUnavailableException(prefix + className + ".create(\"" + argument + "\") threw " + e);
            }
            if (loss == null) {
                throw new LossUnavailableException(prefix + className + ".create(\"" + argument + "\") returned null");
            }
            return loss;
        }
    }
}
