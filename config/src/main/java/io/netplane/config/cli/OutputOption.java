package io.netplane.config.cli;

import picocli.CommandLine.Option;

/** {@code -o table|wide|json|yaml} of a command that prints objects. */
public final class OutputOption {
  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      paramLabel = "FORMAT",
      description = OutputFormat.DESCRIPTION)
  OutputFormat format;

  public OutputFormat format() {
    return format;
  }

  /** Whether the table should show its extra columns ({@code -o wide}). */
  public boolean wide() {
    return format == OutputFormat.wide;
  }
}
