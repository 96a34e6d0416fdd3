package io.netplane.config.load;

import java.nio.file.Path;

/** A snapshot file that cannot be read, with where the problem is, on one line. */
public final class SnapshotLoadException extends RuntimeException {
  private final Path file;

  public SnapshotLoadException(Path file, String message, Throwable cause) {
    super((file + ": " + message).replaceAll("\\R", " "), cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
