package io.netplane.agent.cli;

import io.netplane.agent.model.FixedCidrPool;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code -f FILE|DIR|-}: FixedCidrPool documents (YAML or JSON, several per file), as kubectl takes
 * them.
 */
final class PoolFiles {
  /** The {@code -f} usage text, shared with {@code cidrs}. */
  static final String DESCRIPTION =
      "FixedCidrPool document(s), YAML or JSON: a file, a directory (its .yaml, .yml and .json files) or - for stdin; repeatable.";

  @Option(
      names = {"-f", "--filename"},
      paramLabel = "FILE|DIR|-",
      required = true,
      description = DESCRIPTION)
  List<Path> files;

  /** Every pool, or an exception listing every error of every document. */
  List<FixedCidrPool> read() {
    return read(files);
  }

  static List<FixedCidrPool> read(List<Path> files) {
    return PoolDocuments.read(files, System.in);
  }
}
