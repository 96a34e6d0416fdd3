package io.netplane.extender.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.netplane.config.rules.Decider;
import io.netplane.extender.render.DecisionJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A command that reads a snapshot directory and prints a table or JSON. */
abstract class OfflineCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "Snapshot directory (kubectl -o yaml/json output and cloud API responses).")
  Path dir;

  @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json. Default: ${DEFAULT-VALUE}.")
  OutputFormat output;

  @Mixin SnapshotOptions snapshot;

  @Spec CommandSpec spec;

  Decider load() {
    return snapshot.load(dir, spec.commandLine().getErr());
  }

  /** Prints {@code json} pretty-printed, or {@code table} in table mode. */
  void print(Supplier<JsonNode> json, Supplier<String> table) throws JsonProcessingException {
    PrintWriter out = spec.commandLine().getOut();
    out.print(
        output == OutputFormat.json
            ? DecisionJson.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json.get()) + "\n"
            : table.get());
    out.flush();
  }
}
