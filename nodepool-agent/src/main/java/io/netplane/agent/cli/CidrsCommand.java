package io.netplane.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.netplane.agent.apply.Cloud;
import io.netplane.agent.kube.FixedCidrPools;
import io.netplane.agent.model.FixedCidrPool;
import io.netplane.agent.validate.InvalidPoolException;
import io.netplane.agent.validate.PoolValidator;
import io.netplane.config.cli.OutputFormat;
import io.netplane.config.cli.Whitelists;
import io.netplane.config.cli.Whitelists.Whitelist;
import io.netplane.config.model.VSwitch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The CIDR blocks to whitelist, per pool. */
@Command(
    name = "cidrs",
    mixinStandardHelpOptions = true,
    description =
        "Print the CIDR blocks to whitelist per pool: from -f files, or from the cluster's FixedCidrPool objects. With --region the VPC API is asked (with --inventory, recorded responses); without either, the objects' status is used.")
final class CidrsCommand implements Callable<Integer> {
  /**
   * The spelling of {@code -o table} before the formats were kubectl's; accepted for one more
   * release.
   */
  static final String TEXT_ALIAS = "text";

  @Option(
      names = {"-f", "--filename"},
      paramLabel = "FILE|DIR|-",
      description = PoolFiles.DESCRIPTION + " Default: the cluster's objects.")
  List<Path> files;

  OutputFormat format;
  private boolean textAlias;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      paramLabel = "FORMAT",
      description =
          "Output format: table, wide (adds each CIDR's vSwitch and zone), json or yaml; text is a deprecated alias of table. Default: ${DEFAULT-VALUE}.")
  void output(String value) {
    textAlias = value.equalsIgnoreCase(TEXT_ALIAS);
    try {
      format =
          textAlias ? OutputFormat.table : OutputFormat.valueOf(value.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(),
          "Invalid value for option '--output': expected one of [table, wide, json, yaml] (case-insensitive) but was '"
              + value
              + "'");
    }
  }

  @Mixin ClusterOptions cluster;
  @Mixin InventoryOption inventory;
  @Spec CommandSpec spec;
  private final Connections connections;

  CidrsCommand(Connections connections) {
    this.connections = connections;
  }

  @Override
  public Integer call() throws Exception {
    if (textAlias) {
      spec.commandLine()
          .getErr()
          .println("warning: -o text is deprecated and will be removed; use -o table");
    }
    List<Whitelist> out = new ArrayList<>();
    if (files != null) {
      Cloud cloud = inventory.cloud(cluster, connections);
      for (FixedCidrPool p : PoolFiles.read(files)) {
        out.add(fromCloud(p, cloud));
      }
    } else {
      try (KubernetesClient client = cluster.kubernetes(connections)) {
        Cloud cloud =
            cluster.hasCloud() || inventory.given() ? inventory.cloud(cluster, connections) : null;
        for (JsonNode raw : new FixedCidrPools(client).list()) {
          String name = raw.path("metadata").path("name").asText();
          if (cloud != null) {
            try {
              out.add(fromCloud(PoolValidator.parse(FixedCidrPool.KIND + "/" + name, raw), cloud));
            } catch (InvalidPoolException e) {
              spec.commandLine().getErr().println("skipped " + e.getMessage());
            }
          } else {
            out.add(Whitelist.ofStatus(raw));
          }
        }
      }
    }
    Whitelists.print(out, format, spec.commandLine().getOut());
    return 0;
  }

  private static Whitelist fromCloud(FixedCidrPool p, Cloud cloud) {
    List<VSwitch> found = cloud.inventory().describeVSwitches(null, p.spec().podVSwitchIds());
    List<String> missing = new ArrayList<>(p.spec().podVSwitchIds());
    found.forEach(v -> missing.remove(v.id()));
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "pool " + p.name() + ": vSwitch(es) " + missing + " not found");
    }
    return Whitelist.of(p.name(), found);
  }
}
