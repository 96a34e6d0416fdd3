package io.netplane.config.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.netplane.config.kube.KubeObjects;
import io.netplane.config.model.VSwitch;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The CIDR blocks to whitelist per FixedCidrPool, as the node-pool agent's {@code cidrs} and {@code
 * kubectl netplane cidrs} print them.
 */
public final class Whitelists {
  private Whitelists() {}

  /**
   * One pool's whitelist.
   *
   * @param vSwitches the vSwitches the CIDRs belong to; empty when only the pool's status was read
   */
  public record Whitelist(String pool, List<String> cidrs, List<VSwitch> vSwitches) {
    /** The whitelist of these vSwitches: their CIDRs, sorted, each once. */
    public static Whitelist of(String pool, List<VSwitch> vSwitches) {
      TreeSet<String> cidrs = new TreeSet<>();
      vSwitches.forEach(v -> cidrs.add(v.cidr()));
      return new Whitelist(pool, List.copyOf(cidrs), List.copyOf(vSwitches));
    }

    /**
     * The CIDRs a FixedCidrPool object's {@code status.whitelistCidrs} lists, their vSwitches
     * unknown.
     */
    public static Whitelist ofStatus(JsonNode pool) {
      List<String> cidrs = KubeObjects.strings(pool.path("status").path("whitelistCidrs"));
      return new Whitelist(
          pool.path("metadata").path("name").asText(), List.copyOf(cidrs), List.of());
    }
  }

  /**
   * Prints {@code lists} in {@code format}: a table of one row per CIDR ({@code wide} adds the
   * vSwitch and zone), or a list of {@code pool}, {@code cidrs}, {@code vSwitches[id, zone, cidr]}.
   */
  public static void print(List<Whitelist> lists, OutputFormat format, PrintWriter out) {
    if (format.structured()) {
      out.print(format.write(tree(lists)));
    } else {
      out.print(table(lists, format == OutputFormat.wide));
    }
    out.flush();
  }

  private static List<Map<String, Object>> tree(List<Whitelist> lists) {
    List<Map<String, Object>> tree = new ArrayList<>();
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
      tree.add(m);
    }
    return tree;
  }

  /**
   * One row per CIDR; wide adds the vSwitch and zone it belongs to ("-" when only the status was
   * read).
   */
  private static String table(List<Whitelist> lists, boolean wide) {
    TextTable t =
        wide ? new TextTable("POOL", "CIDR", "VSWITCH", "ZONE") : new TextTable("POOL", "CIDR");
    for (Whitelist w : lists) {
      if (!wide || w.vSwitches().isEmpty()) {
        w.cidrs().forEach(c -> t.row(w.pool(), c, "-", "-"));
      } else {
        w.vSwitches().stream()
            .sorted(Comparator.comparing(VSwitch::cidr).thenComparing(VSwitch::id))
            .forEach(v -> t.row(w.pool(), v.cidr(), v.id(), v.zone()));
      }
    }
    return t.render("");
  }
}
