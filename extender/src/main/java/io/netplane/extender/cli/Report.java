package io.netplane.extender.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.netplane.config.cli.OutputFormat;
import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * What a command found, in both shapes, built only in the one asked for.
 *
 * @param tree for {@code -o json|yaml}
 * @param table for {@code -o table|wide}
 * @param exitCode the command's exit code
 */
public record Report(Supplier<JsonNode> tree, Supplier<String> table, int exitCode) {
  /** Prints this in {@code format}; returns the exit code. */
  public int print(OutputFormat format, PrintWriter out) {
    out.print(format.structured() ? format.write(tree.get()) : table.get());
    out.flush();
    return exitCode;
  }
}
