package io.netplane.agent.cli;

import io.netplane.agent.model.FixedCidrPool;
import io.netplane.agent.validate.PoolDocuments;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code -f FILE}: FixedCidrPool documents (YAML or JSON, several per file). */
final class PoolFiles {
  @Option(names = {"-f", "--filename"}, paramLabel = "FILE", required = true, description = "FixedCidrPool document(s); repeatable.")
  List<Path> files;

  /** Every pool, or an exception listing every error of every document. */
  List<FixedCidrPool> read() {
    return PoolDocuments.read(files);
  }
}
