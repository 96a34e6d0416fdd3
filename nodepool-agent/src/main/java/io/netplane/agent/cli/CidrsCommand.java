package io.netplane.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.netplane.agent.apply.Cloud;
import io.netplane.agent.kube.FixedCidrPools;
import io.netplane.agent.model.FixedCidrPool;
import io.netplane.agent.validate.InvalidPoolException;
import io.netplane.agent.validate.PoolValidator;
import io.netplane.config.model.VSwitch;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The CIDR blocks to whitelist, per pool. */
@Command(name = "cidrs", mixinStandardHelpOptions = true,
    description = "Print the CIDR blocks to whitelist per pool: from -f files, or from the cluster's FixedCidrPool objects. With --region the VPC API is asked (with --inventory, recorded responses); without either, the objects' status is used.")
final class CidrsCommand implements Callable<Integer> {
  /** Output formats. */
  enum Format { text, json }

  @Option(names = {"-f", "--filename"}, paramLabel = "FILE", description = "FixedCidrPool document(s); default: the cluster's objects.")
  List<Path> files;

  @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}.")
  Format format;

  @Mixin ClusterOptions cluster;
  @Mixin InventoryOption inventory;
  @Spec CommandSpec spec;
  private final Connections connections;

  CidrsCommand(Connections connections) {
    this.connections = connections;
  }

  /** One pool's whitelist. */
  record Whitelist(String pool, List<String> cidrs, List<VSwitch> vSwitches) {}

  @Override
  public Integer call() throws Exception {
    List<Whitelist> out = new ArrayList<>();
    if (files != null) {
      Cloud cloud = inventory.cloud(cluster, connections);
      for (FixedCidrPool p : io.netplane.agent.validate.PoolDocuments.read(files)) {
        out.add(fromCloud(p, cloud));
      }
    } else {
      try (KubernetesClient client = cluster.kubernetes(connections)) {
        Cloud cloud = cluster.hasCloud() || inventory.given() ? inventory.cloud(cluster, connections) : null;
        for (JsonNode raw : new FixedCidrPools(client).list()) {
          String name = raw.path("metadata").path("name").asText();
          if (cloud != null) {
            try {
              out.add(fromCloud(PoolValidator.parse(FixedCidrPool.KIND + "/" + name, raw), cloud));
            } catch (InvalidPoolException e) {
              spec.commandLine().getErr().println("skipped " + e.getMessage());
            }
          } else {
            List<String> cidrs = new ArrayList<>();
            raw.path("status").path("whitelistCidrs").forEach(c -> cidrs.add(c.asText()));
            out.add(new Whitelist(name, cidrs, List.of()));
          }
        }
      }
    }
    print(out, spec.commandLine().getOut());
    return 0;
  }

  private static Whitelist fromCloud(FixedCidrPool p, Cloud cloud) {
    List<VSwitch> found = cloud.inventory().describeVSwitches(null, p.spec().podVSwitchIds());
    TreeSet<String> cidrs = new TreeSet<>();
    found.forEach(v -> cidrs.add(v.cidr()));
    List<String> missing = new ArrayList<>(p.spec().podVSwitchIds());
    found.forEach(v -> missing.remove(v.id()));
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("pool " + p.name() + ": vSwitch(es) " + missing + " not found");
    }
    return new Whitelist(p.name(), List.copyOf(cidrs), found);
  }

  private void print(List<Whitelist> lists, PrintWriter out) throws Exception {
    if (format == Format.json) {
      List<Map<String, Object>> json = new ArrayList<>();
      for (Whitelist w : lists) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pool", w.pool());
        m.put("cidrs", w.cidrs());
        List<Map<String, String>> vs = new ArrayList<>();
        for (VSwitch v : w.vSwitches()) {
          // insertion order, so the output reads the same every run
          Map<String, String> fields = new LinkedHashMap<>();
          fields.put("id", v.id());
          fields.put("zone", v.zone());
          fields.put("cidr", v.cidr());
          vs.add(fields);
        }
        m.put("vSwitches", vs);
        json.add(m);
      }
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
    } else {
      for (Whitelist w : lists) {
        for (String c : w.cidrs()) {
          out.println(w.pool() + "\t" + c);
        }
      }
    }
    out.flush();
  }
}
