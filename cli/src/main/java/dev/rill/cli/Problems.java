package dev.rill.cli;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Says what went wrong in words, never with a Java exception's class name (those go to RILL_DEBUG=1 output). */
final class Problems {
  private Problems() {}

  /** {@code no such file}, {@code permission denied}, or the exception's own message. */
  static String describe(Throwable t) {
    if (t instanceof UncheckedIOException u && u.getCause() != null) {
      return describe(u.getCause());
    }
    if (t instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (t instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (t instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (t instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason().toLowerCase(java.util.Locale.ROOT);
    }
    String message = t.getMessage();
    if (message == null || message.isBlank()) {
      return t.getCause() != null ? describe(t.getCause()) : "an unexpected error with no message";
    }
    return message;
  }

  /** Whether {@code RILL_DEBUG=1} asks for stack traces. */
  static boolean debug() {
    return "1".equals(System.getenv("RILL_DEBUG"));
  }
}
