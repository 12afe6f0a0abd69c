package dev.numgrad.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.DimensionMismatchException;
import dev.numgrad.UnsupportedModeException;
import dev.numgrad.fd.Scheme;
import dev.numgrad.gradient.GradientResult;
import dev.numgrad.gradient.Mode;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.loss.Loss;
import dev.numgrad.workload.Workloads;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A three-member cluster on loopback in this JVM, used through a client: every standard workload's
 * gradient is bit-identical to the local engine's, in black-box and delta modes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ClusterGradientTest {

    private TestCluster cluster;
    private ClusterConnection client;

    @BeforeAll
    void startCluster() {
        cluster = new TestCluster();
        for (int k = 0; k < 3; k++) {
            cluster.startMember();
        }
        client = cluster.connect();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static Stream<Arguments> workloads() {
        return cases(List.of("sumsq:50", "rosen:41", "linreg:9,37", "logreg:9,37", "mlp:5,4,3,6"));
    }

    /** Every workload in both modes and three schemes, on the scalar kernels. */
    private static Stream<Arguments> cases(List<String> specs) {
        return specs.stream().flatMap(spec -> Stream.of(Mode.BLACK_BOX, Mode.DELTA)
                .flatMap(mode -> Stream.of(Scheme.central(), Scheme.forward(), Scheme.richardson())
                        .map(scheme -> Arguments.of(spec + "@scalar", mode, scheme))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("workloads")
    void everyStandardWorkloadMatchesTheLocalEngineBitForBit(String text, Mode mode, Scheme scheme) {
        LossSpec spec = LossSpec.parse(text);
        Loss loss = spec.build("test");
        double[] x = Workloads.start(loss.dimension());
        double[] before = x.clone();
        NumericGradient engine = NumericGradient.defaults().withMode(mode).withScheme(scheme);

        GradientResult local = engine.compute(loss, x);
        GradientResult remote = new ClusterGradient(engine, client.instance(),
                ClusterOptions.defaults().withBlocksPerCore(3)).compute(spec, x);

        assertArrayEquals(local.values(), remote.values(), text + " " + mode.id() + " " + scheme.id());
        assertArrayEquals(local.errorEstimates(), remote.errorEstimates(), "error estimates");
        assertArrayEquals(before, x, "x must not be modified");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linreg:9,37@panama", "logreg:9,37@scalar", "rosen:41@scalar"})
    void batchedProbesTravelToTheMembersAndAreReportedAsLocally(String text) {
        LossSpec spec = LossSpec.parse(text);
        Loss loss = spec.build("test");
        double[] x = Workloads.start(loss.dimension());
        NumericGradient engine = NumericGradient.defaults().withProbeBatch(4);

        GradientResult local = engine.compute(loss, x);
        GradientResult remote = new ClusterGradient(engine, client.instance(),
                ClusterOptions.defaults().withBlocksPerCore(3)).compute(spec, x);

        assertArrayEquals(local.values(), remote.values(), text);
        assertEquals(local.probeBatch(), remote.probeBatch(), text + ": probe batch used");
    }

    static Stream<Arguments> subsets() {
        return cases(List.of("rosen:41", "logreg:9,37", "mlp:5,4,3,6"));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("subsets")
    void aCoordinateSubsetMatchesTheLocalEngineBitForBit(String text, Mode mode, Scheme scheme) {
        LossSpec spec = LossSpec.parse(text);
        Loss loss = spec.build("test");
        int n = loss.dimension();
        double[] x = Workloads.start(n);
        double[] before = x.clone();
        // Out of order, with a repeat, the last coordinate and the first: every way a subset can be odd.
        int[] coordinates = {n - 1, 3, 0, n / 2, 3, 7, n / 3, 1};
        int[] listed = coordinates.clone();
        NumericGradient engine = NumericGradient.defaults().withMode(mode).withScheme(scheme);

        GradientResult local = engine.computeCoordinates(loss, x, coordinates);
        GradientResult remote = new ClusterGradient(engine, client.instance(),
                ClusterOptions.defaults().withBlocksPerCore(3)).computeCoordinates(spec, x, coordinates);

        assertArrayEquals(local.values(), remote.values(), text + " " + mode.id() + " " + scheme.id());
        assertArrayEquals(local.errorEstimates(), remote.errorEstimates(), "error estimates");
        double[] whole = engine.compute(loss, x).values();
        for (int k = 0; k < coordinates.length; k++) {
            assertEquals(whole[coordinates[k]], remote.values()[k], "coordinate " + coordinates[k] + " of the whole");
        }
        assertArrayEquals(before, x, "x must not be modified");
        assertArrayEquals(listed, coordinates, "the coordinates must not be modified");
    }

    @Test
    void aLargeSubsetIsSpreadOverManyBlocks() {
        LossSpec spec = LossSpec.parse("mlp:9,8,3,5@scalar");
        Loss loss = spec.build("test");
        double[] x = Workloads.start(loss.dimension());
        int[] coordinates = new int[loss.dimension() / 2];
        for (int k = 0; k < coordinates.length; k++) {
            coordinates[k] = (int) ((2L * k + 1) * loss.dimension() / (2L * coordinates.length));
        }
        NumericGradient engine = NumericGradient.defaults();
        java.util.concurrent.atomic.AtomicLong reports = new java.util.concurrent.atomic.AtomicLong();
        GradientResult remote = new ClusterGradient(engine.withProgress((done, total) -> {
            assertEquals(coordinates.length, total, "progress counts the subset's coordinates");
            reports.incrementAndGet();
        }), client.instance(), ClusterOptions.defaults().withBlocksPerCore(4)).computeCoordinates(spec, x, coordinates);
        assertArrayEquals(engine.computeCoordinates(loss, x, coordinates).values(), remote.values());
        assertTrue(reports.get() > 1, "one progress report per block, got " + reports.get());
    }

    @Test
    void anEmptySubsetIsAnEmptyResult() {
        GradientResult remote = new ClusterGradient(NumericGradient.defaults(), client.instance(),
                ClusterOptions.defaults()).computeCoordinates(LossSpec.parse("sumsq:5@scalar"), new double[5], new int[0]);
        assertEquals(0, remote.values().length);
    }

    @Test
    void aSubsetCoordinateOutOfRangeIsNamedBeforeAnyBlockRuns() {
        ClusterGradient gradient = new ClusterGradient(NumericGradient.defaults(), client.instance(),
                ClusterOptions.defaults());
        LossSpec spec = LossSpec.parse("sumsq:5@scalar");
        IndexOutOfBoundsException high = assertThrows(IndexOutOfBoundsException.class,
                () -> gradient.computeCoordinates(spec, new double[5], new int[] {0, 5}));
        assertEquals("coordinates[1] = 5 is not in [0, 5)", high.getMessage());
        IndexOutOfBoundsException low = assertThrows(IndexOutOfBoundsException.class,
                () -> gradient.computeCoordinates(spec, new double[5], new int[] {-1}));
        assertEquals("coordinates[0] = -1 is not in [0, 5)", low.getMessage());
        assertTrue(client.instance().getMap(MemberRuntime.PARAMETERS_MAP).isEmpty(), "no parameters were published");
    }

    @Test
    void aMemberCanBeTheCallerAndComputesItsShare() {
        LossSpec spec = LossSpec.parse("mlp:6,5,3,4@scalar");
        double[] x = Workloads.start(spec.build("test").dimension());
        NumericGradient engine = NumericGradient.defaults().withMode(Mode.DELTA);
        GradientResult remote = new ClusterGradient(engine, cluster.members.get(0).instance(),
                ClusterOptions.defaults()).compute(spec, x);
        assertArrayEquals(engine.compute(spec.build("test"), x).values(), remote.values());
    }

    @Test
    void aFailingLossNamesItsCoordinateAndMember() {
        LossSpec spec = LossSpec.parse("class:" + FailingFactory.class.getName());
        double[] x = new double[40];
        java.util.Arrays.fill(x, 0.5);
        BlockFailedException e = assertThrows(BlockFailedException.class,
                () -> new ClusterGradient(NumericGradient.defaults(), client.instance(), ClusterOptions.defaults())
                        .compute(spec, x));
        assertTrue(e.getMessage().startsWith("on member 127.0.0.1:") && e.getMessage().contains("17"), e.getMessage());
        assertEquals("dev.numgrad.NonFiniteLossException", e.remoteType());
        // the member's own words, as a local gradient says them, not a rethrown copy's toString()
        RuntimeException local = assertThrows(RuntimeException.class,
                () -> NumericGradient.defaults().compute(new FailingFactory().create(""), x));
        assertTrue(e.getMessage().endsWith(local.getMessage()), e.getMessage() + " | local: " + local.getMessage());
    }

    @Test
    void badInputIsRefusedBeforeAnyBlockRuns() {
        ClusterGradient gradient = new ClusterGradient(NumericGradient.defaults().withMode(Mode.DELTA),
                client.instance(), ClusterOptions.defaults());
        LossSpec slow = LossSpec.parse("class:" + SlowSquaresFactory.class.getName() + ":8,0");
        assertThrows(UnsupportedModeException.class, () -> gradient.compute(slow, new double[8]));
        assertThrows(DimensionMismatchException.class,
                () -> gradient.compute(LossSpec.parse("sumsq:5@scalar"), new double[4]));
    }

    @Test
    void aMemberThatCannotLoadTheFactoryIsNamed() {
        String hidden = SlowSquaresFactory.class.getName();
        ClassLoader parent = getClass().getClassLoader();
        ClassLoader without = new ClassLoader(parent) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals(hidden)) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }
        };
        try (TestCluster other = new TestCluster()) {
            other.startMember();
            ClusterMember lacking = other.startMember(config -> config.setClassLoader(without));
            ClusterConnection otherClient = other.connect();
            LossSpec spec = LossSpec.parse("class:" + hidden + ":6,0");
            LossUnavailableException e = assertThrows(LossUnavailableException.class,
                    () -> new ClusterGradient(NumericGradient.defaults(), otherClient.instance(),
                            ClusterOptions.defaults()).compute(spec, new double[6]));
            assertTrue(e.getMessage().contains("member " + lacking.address())
                    && e.getMessage().contains(hidden + " is not on its class path"), e.getMessage());
        }
    }

    @Test
    void killingAMemberMidGradientLosesNothing() {
        try (TestCluster other = new TestCluster()) {
            other.startMember();
            ClusterMember victim = other.startMember();
            other.startMember();
            ClusterConnection otherClient = other.connect();
            LossSpec spec = LossSpec.parse("class:" + SlowSquaresFactory.class.getName() + ":300,1000");
            double[] x = Workloads.start(300);
            AtomicBoolean killed = new AtomicBoolean();
            // Progress is reported in the dispatching thread: the victim dies while every member,
            // the victim included, has blocks in flight and a quarter of the gradient is done.
            NumericGradient engine = NumericGradient.defaults().withProgress((done, total) -> {
                if (done >= total / 4 && killed.compareAndSet(false, true)) {
                    victim.terminate();
                }
            });
            GradientResult remote = new ClusterGradient(engine, otherClient.instance(),
                    ClusterOptions.defaults()).compute(spec, x);
            assertTrue(killed.get(), "the member was never killed");
            assertFalse(victim.instance().getLifecycleService().isRunning());
            assertArrayEquals(NumericGradient.defaults().compute(spec.build("test"), x).values(), remote.values());
        }
    }

    @Test
    void withNoMembersLeftTheGradientFailsClearly() {
        try (TestCluster other = new TestCluster()) {
            ClusterMember first = other.startMember();
            ClusterMember second = other.startMember();
            ClusterConnection otherClient = other.connect();
            LossSpec spec = LossSpec.parse("class:" + SlowSquaresFactory.class.getName() + ":200,1000");
            AtomicBoolean killed = new AtomicBoolean();
            NumericGradient engine = NumericGradient.defaults().withProgress((done, total) -> {
                if (killed.compareAndSet(false, true)) {
                    first.terminate();
                    second.terminate();
                }
            });
            ClusterUnavailableException e = assertThrows(ClusterUnavailableException.class,
                    () -> new ClusterGradient(engine, otherClient.instance(), ClusterOptions.defaults())
                            .compute(spec, new double[200]));
            assertTrue(e.getMessage().contains("unfinished"), e.getMessage());
        }
    }

    @Test
    void theTimeoutStopsAGradientThatTakesTooLong() {
        // 800 probes of 10 ms on three members of two threads: over a second, well past 0.3 s.
        LossSpec spec = LossSpec.parse("class:" + SlowSquaresFactory.class.getName() + ":400,10000");
        ClusterOptions options = ClusterOptions.defaults().withTimeout(java.time.Duration.ofMillis(300));
        ClusterUnavailableException e = assertThrows(ClusterUnavailableException.class,
                () -> new ClusterGradient(NumericGradient.defaults(), client.instance(), options)
                        .compute(spec, new double[400]));
        assertTrue(e.getMessage().startsWith("timed out after PT0.3S with "), e.getMessage());
    }

    @Test
    void overheadsAreMeasuredWithTheGradientsOwnTasks() {
        ClusterOverheads measured = ClusterOverheads.measure(client.instance(), 7, 1000, 2);
        assertEquals(3, measured.members());
        assertTrue(measured.cores() >= 3, "cores " + measured.cores());
        assertEquals(7, measured.taskSeconds().length);
        assertEquals(2, measured.broadcastSeconds().length);
        assertTrue(measured.taskSeconds()[0] > 0 && measured.broadcastSeconds()[0] > 0);
        assertTrue(measured.taskMedian() <= measured.taskSeconds()[6]);
        // The timing vectors are gone from the map afterwards.
        assertTrue(client.instance().getMap(MemberRuntime.PARAMETERS_MAP).isEmpty());
    }
}
