package dev.numgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every output is checked before any work: a bad one is exit 2 with one line that names the
 * option, the file and the operating system's reason, and nothing is computed or written.
 */
class OutputChecksTest {

    /** A gradient that would take long enough to notice if it ran before the check. */
    private static final String[] GRADIENT = {"gradient", "-w", "sumsq", "-s", "100", "-t", "1"};
    private static final String[] DESCEND = {"descend", "-w", "sumsq", "-s", "10", "-g", "exact", "--lr", "0.1",
        "-n", "5"};

    private static Cli run(String[] base, String... more) {
        return Cli.run(Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new));
    }

    private static void assertRefused(Cli cli, String... named) {
        assertEquals(2, cli.exitCode(), cli.transcript());
        assertEquals(1, cli.errLines().size(), "one line\n" + cli.transcript());
        for (String part : named) {
            assertTrue(cli.errLines().getFirst().contains(part), "names " + part + "\n" + cli.transcript());
        }
        assertEquals("", cli.out(), "nothing was computed\n" + cli.transcript());
    }

    /**
     * A directory this process cannot create files in: a read-only directory when permissions
     * apply (not to root), else /sys, which refuses everyone; null when neither refuses.
     */
    private static Path unwritableDirectory(Path scratch) throws IOException {
        Path readOnly = Files.createDirectory(scratch.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        for (Path candidate : new Path[] {readOnly, Path.of("/sys")}) {
            try {
                Files.delete(Files.createTempFile(candidate, "probe", ""));
            } catch (IOException refused) {
                return candidate;
            }
        }
        return null;
    }

    @Test
    void anEmptyFileNameIsNamedAsSuchNotAsADirectory() {
        assertRefused(run(GRADIENT, "--dump", ""), "--dump: the file name is empty");
        assertRefused(run(DESCEND, "--trace", ""), "--trace: the file name is empty");
        assertRefused(run(DESCEND, "--plot", ""), "--plot: the file name is empty");
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsRefusedBeforeTheWorkWithTheReason(@TempDir Path dir) throws IOException {
        Path unwritable = unwritableDirectory(dir);
        assumeTrue(unwritable != null, "no directory here refuses this process");
        assertRefused(run(GRADIENT, "--dump", unwritable.resolve("g.f64").toString()), "--dump",
                "Permission denied");
        assertRefused(run(DESCEND, "--trace", dir.resolve("ok.csv").toString(), "--plot",
                unwritable.resolve("loss.png").toString()), "--plot", "Permission denied");
        assertFalse(Files.exists(dir.resolve("ok.csv")), "the writable output is not written either: nothing ran");
    }

    @Test
    void costAndTourRefuseAnOutputFolderThatCannotBeWrittenWithTheReason(@TempDir Path dir) throws IOException {
        Path unwritable = unwritableDirectory(dir);
        assumeTrue(unwritable != null, "no directory here refuses this process");
        assertRefused(Cli.run("cost", "--max-params", "2000", "--out", unwritable.toString()), "--out",
                "Permission denied");
        assertRefused(Cli.run("tour", "1", "--out", unwritable.toString()), "--out", "Permission denied");
    }

    @Test
    void aMissingDirectoryOrAFileInPlaceOfOneIsRefused(@TempDir Path dir) throws IOException {
        assertRefused(run(GRADIENT, "--dump", dir.resolve("missing/g.f64").toString()), "--dump", "does not exist");
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertRefused(run(DESCEND, "--trace", file.resolve("t.csv").toString()), "--trace", "is not a directory");
        assertRefused(run(GRADIENT, "--dump", dir.toString()), "--dump", "is a directory");
    }

    @Test
    void twoOptionsNamingOneFileThroughASymbolicLinkAreRefused(@TempDir Path dir) throws IOException {
        Path real = dir.resolve("loss.svg");
        Path link = Files.createSymbolicLink(dir.resolve("link.svg"), real.getFileName());
        assertRefused(run(DESCEND, "--trace", real.toString(), "--plot", link.toString()), "--trace and --plot",
                "same file");
        // A linked directory too: sub/loss.svg and alias/loss.svg are one file.
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path alias = Files.createSymbolicLink(dir.resolve("alias"), sub);
        assertRefused(run(DESCEND, "--trace", sub.resolve("t.svg").toString(), "--plot",
                alias.resolve("t.svg").toString()), "same file");
    }

    @Test
    void theChecksLeaveNothingBehind(@TempDir Path dir) throws IOException {
        Cli cli = run(DESCEND, "--trace", dir.resolve("t.csv").toString(), "--plot", dir.resolve("p.svg").toString());
        assertEquals(0, cli.exitCode(), cli.transcript());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "the two outputs and no probe or temporary file");
        }
    }
}
