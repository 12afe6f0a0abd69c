package dev.numgrad.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The operating system's reason for an I/O failure, in its own words ("Permission denied",
 * "No space left on device", "File too large"). Java's file exceptions often carry only the path
 * as their message, which tells a user where but not why.
 */
final class IoReason {

    private IoReason() {
    }

    /**
     * E.g. "Permission denied" for an {@link AccessDeniedException}, else the reason the OS gave.
     * Writers that wrap the failure (an SVG encoder reports "SAXException: IOException: File too
     * large") are looked through to the innermost I/O exception, which holds the OS's words.
     */
    static String of(IOException e) {
        IOException innermost = e;
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof IOException io) {
                innermost = io;
            }
        }
        return reason(innermost).strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return switch (e) {
            case AccessDeniedException denied -> "Permission denied";
            case NoSuchFileException missing -> "No such file or directory";
            case NotDirectoryException notDirectory -> "Not a directory";
            case FileAlreadyExistsException exists -> "File exists";
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
