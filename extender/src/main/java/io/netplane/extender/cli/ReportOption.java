package io.netplane.extender.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.Option;

/** {@code --report FILE}: also write the result as one self-contained HTML page. */
final class ReportOption {
  @Option(
      names = "--report",
      paramLabel = "FILE",
      description =
          "Also write an HTML report to FILE: vSwitches by zone with free IPs and in-flight reservations, the zones each network covers, where each pending pod fits or why not. One self-contained file (inline SVG and CSS, no scripts, nothing fetched).")
  Path file;

  boolean requested() {
    return file != null;
  }

  /**
   * Writes {@code html} to a temporary file beside {@link #file} and moves it into place, so a
   * failed write leaves any earlier report whole.
   */
  void write(String html, PrintWriter err) {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Path tmp = null;
    try {
      // not createTempFile, whose owner-only permissions the report would keep: the umask decides
      tmp = dir.resolve(".netplane-report-" + ProcessHandle.current().pid() + ".tmp");
      // creates it, or truncates one left by a process of the same pid killed mid-write
      Files.writeString(tmp, html, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot write the report to "
              + file
              + ": "
              + e.getClass().getSimpleName()
              + " "
              + e.getMessage());
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the temporary file's name says what it is; nothing else was changed
        }
      }
    }
    err.println("report written to " + file);
  }
}
