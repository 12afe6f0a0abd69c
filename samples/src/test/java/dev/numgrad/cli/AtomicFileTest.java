package dev.numgrad.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void writesANewFile() throws IOException {
        Path target = dir.resolve("out.txt");
        AtomicFile.writeString(target, "hello");
        assertEquals("hello", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void aWriterThatFailsPartWayLeavesThePreviousFileAndNoTemporary() throws IOException {
        Path target = dir.resolve("gradient.f64");
        Files.write(target, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        IOException failure = assertThrows(IOException.class, () -> AtomicFile.writeStream(target, out -> {
            out.write(new byte[4096]);
            throw new IOException("No space left on device");
        }));
        assertEquals("No space left on device", failure.getMessage());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, Files.readAllBytes(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void anUncheckedFailureAlsoLeavesNothingBehind() throws IOException {
        Path target = dir.resolve("plot.svg");
        assertThrows(IllegalStateException.class, () -> AtomicFile.writeStream(target, out -> {
            out.write(1);
            throw new IllegalStateException("encoder failed");
        }));
        assertEquals(List.of(), files());
    }

    @Test
    void aSymbolicLinkIsWrittenThroughAndStays() throws IOException {
        Path real = dir.resolve("real.csv");
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), real.getFileName());
        AtomicFile.writeString(link, "new");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(real, StandardCharsets.UTF_8));
    }

    @Test
    void aMissingDirectoryFailsBeforeWritingAnything() {
        Path target = dir.resolve("no-such-dir").resolve("out.txt");
        assertThrows(IOException.class, () -> AtomicFile.writeString(target, "x"));
    }

    @Test
    void aNewFileIsReadableByOthersAndAReplacedOneKeepsItsPermissions() throws IOException {
        Path fresh = dir.resolve("cost.csv");
        AtomicFile.writeString(fresh, "a");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));

        Path kept = dir.resolve("trace.csv");
        Files.writeString(kept, "old");
        Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rw-rw----"));
        AtomicFile.writeString(kept, "new");
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)));
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.sorted().toList();
        }
    }
}
