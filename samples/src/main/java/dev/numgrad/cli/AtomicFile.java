package dev.numgrad.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file whole or not at all: the content goes to a temporary file in the target's own
 * directory (so that the final move never crosses a file system), is forced to disk, and is then
 * moved over the target in one atomic rename. A write that fails part-way — disk full, a
 * file-size limit, an exception in the writer, Ctrl-C — deletes the temporary file and leaves
 * the previous target as it was.
 *
 * <p>A target that is a symbolic link is written through: the file the link points to is
 * replaced and the link stays, as a user who linked an output expects.
 *
 * <p>Every file the command line writes (gradient dumps, traces, plots, the tour's pages) goes
 * through this class; public so that the commands outside {@code dev.numgrad.cli} (the tour) do too.
 */
public final class AtomicFile {

    /** Writes the content into the temporary file it is given. */
    @FunctionalInterface
    public interface ContentWriter {
        /**
         * Writes the whole content.
         *
         * @param temporary an empty file in the target's directory, to be filled by name
         * @throws IOException when writing fails; the temporary file is then deleted
         */
        void writeTo(Path temporary) throws IOException;
    }

    /** Writes the content to a stream over the temporary file. */
    @FunctionalInterface
    public interface StreamWriter {
        /**
         * Writes the whole content.
         *
         * @param out a stream over the temporary file; closed by the caller
         * @throws IOException when writing fails; the temporary file is then deleted
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    /**
     * Replaces {@code target} with what {@code writer} writes, or leaves it untouched.
     *
     * @param target the file to create or replace; its directory must exist
     * @param writer fills the temporary file
     * @throws IOException the writer's or the file system's failure; the temporary file is gone
     */
    public static void write(Path target, ContentWriter writer) throws IOException {
        Path destination = resolveLinks(target);
        Path directory = destination.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(directory, "." + destination.getFileName() + ".", ".partial");
        try {
            writer.writeTo(temporary);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            givePermissions(temporary, destination);
            moveIntoPlace(temporary, destination);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * As {@link #write(Path, ContentWriter)}, for content written to a stream. When the file
     * system refuses a write, that refusal is what is thrown, even if the writer (an XML encoder,
     * say) caught it and threw its own exception with the reason buried in its message.
     *
     * @param target the file to create or replace; its directory must exist
     * @param writer writes the content to the stream it is given
     * @throws IOException the file system's or the writer's failure; the temporary file is gone
     */
    public static void writeStream(Path target, StreamWriter writer) throws IOException {
        write(target, temporary -> {
            try (FirstFailure out = new FirstFailure(Files.newOutputStream(temporary, StandardOpenOption.TRUNCATE_EXISTING))) {
                try {
                    writer.writeTo(out);
                } catch (IOException | RuntimeException e) {
                    if (out.failure != null && out.failure != e) {
                        out.failure.addSuppressed(e);
                        throw out.failure;
                    }
                    throw e;
                }
            }
        });
    }

    /** Remembers the first exception the file's stream threw. */
    private static final class FirstFailure extends FilterOutputStream {
        IOException failure;

        FirstFailure(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw remember(e);
            }
        }

        private IOException remember(IOException e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }
    }

    /**
     * As {@link #write(Path, ContentWriter)}, for UTF-8 text.
     *
     * @param target the file to create or replace; its directory must exist
     * @param text the whole content
     * @throws IOException the file system's failure; the temporary file is gone
     */
    public static void writeString(Path target, String text) throws IOException {
        writeStream(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The file a chain of symbolic links ends at (which need not exist yet).
     *
     * @param target a path, relative to the working directory or absolute
     * @return the absolute path at the end of the chain; {@code target} itself when it is no link
     * @throws IOException when a link cannot be read, or after 40 links (a loop)
     */
    public static Path resolveLinks(Path target) throws IOException {
        Path current = target.toAbsolutePath();
        for (int hops = 0; Files.isSymbolicLink(current); hops++) {
            if (hops == 40) {
                throw new IOException(target + ": too many levels of symbolic links");
            }
            current = current.resolveSibling(Files.readSymbolicLink(current)).normalize();
        }
        return current;
    }

    /**
     * A temporary file is created readable by its owner only; the file it becomes keeps the
     * permissions of the file it replaces, or gets the usual rw-r--r-- of a new file, so that a
     * plot or a page can be shared as any other output.
     */
    private static void givePermissions(Path temporary, Path destination) throws IOException {
        if (!Files.getFileStore(temporary).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.exists(destination)
                ? Files.getPosixFilePermissions(destination)
                : PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(temporary, permissions);
    }

    private static void moveIntoPlace(Path temporary, Path destination) throws IOException {
        try {
            Files.move(temporary, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Same directory, so this happens only on file systems without rename(2); still whole.
            Files.move(temporary, destination, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
