package io.netplane.agent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.netplane.agent.apply.Cloud;
import io.netplane.agent.apply.PoolApplier;
import io.netplane.agent.model.FixedCidrPool;
import io.netplane.agent.plan.Plan;
import io.netplane.agent.plan.PlanJson;
import io.netplane.agent.plan.PlanText;
import io.netplane.agent.plan.ResolvedPool;
import io.netplane.config.cli.CliConventions;
import io.netplane.config.cli.OutputOption;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Dry run: what apply would change. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description =
        "Show what apply would change; -o json or yaml: a list with one plan per pool (steps, findings, changes). Exit code 0: done (with or without changes), 1: error (invalid spec, blocking finding), 2: bad usage; with --exit-code, 3: changes pending.")
final class PlanCommand implements Callable<Integer> {
  /**
   * Distinct from the conventional 1 (error) and 2 (bad usage), like {@code git diff --exit-code}'s
   * signal.
   */
  static final int CHANGES = 3;

  @Option(
      names = "--exit-code",
      description = "Exit with code 3 when changes are pending (for scripts and CI).")
  boolean exitCode;

  @Mixin OutputOption output;

  @Mixin PoolFiles files;
  @Mixin ClusterOptions cluster;
  @Mixin InventoryOption inventory;
  @Spec CommandSpec spec;
  private final Connections connections;

  PlanCommand(Connections connections) {
    this.connections = connections;
  }

  @Override
  public Integer call() {
    List<FixedCidrPool> pools = files.read();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Cloud cloud = inventory.cloud(cluster, connections);
    boolean changes = false;
    boolean blocked = false;
    ArrayNode plans = JsonNodeFactory.instance.arrayNode();
    try (KubernetesClient client = cluster.kubernetes(connections);
        PoolApplier applier = cluster.applier(client, cloud)) {
      for (FixedCidrPool p : pools) {
        Plan plan = applier.plan(ResolvedPool.of(p), Progress.to(err, p.name()));
        if (output.format().structured()) {
          plans.add(PlanJson.plan(plan));
        } else {
          out.print(PlanText.render(plan, output.wide()));
        }
        changes |= plan.hasChanges();
        blocked |= plan.blocked();
      }
    }
    if (output.format().structured()) {
      // one document for every pool, written once all are planned, so it is whole or absent
      out.print(output.format().write(plans));
    }
    out.flush();
    return blocked ? CliConventions.ERROR : changes && exitCode ? CHANGES : CliConventions.OK;
  }
}
