package io.netplane.extender.bench;

import io.netplane.config.fixtures.Fixtures;
import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.PodView;
import io.netplane.config.rules.Decider;
import io.netplane.config.rules.ScoringStrategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

/**
 * Resident size of a JVM holding a 5000-node, 50 000-pod snapshot and its decider, after deciding a
 * pod on every node, in a JVM sized as in a 512 MiB container (half of it for the heap).
 */
public final class MemoryBench {
  private MemoryBench() {}

  public static void main(String[] args) throws IOException {
    long before = rssKib();
    ClusterSnapshot snapshot = Fixtures.largeCluster(5000, 200, 300, 50_000, 7);
    Decider decider = new Decider(snapshot, ScoringStrategy.SPREAD);
    PodView pod =
        HttpBench.pendingPodWithFitNodes(decider, new ArrayList<>(snapshot.nodes().keySet()));
    decider.decideAll(pod);
    System.gc();
    Runtime rt = Runtime.getRuntime();
    System.out.printf(
        "5000 nodes, %d pods: heap used %.0f MiB of max %.0f MiB; resident %.0f MiB (%.0f MiB before loading; target <= 512 MiB)%n",
        snapshot.pods().size(),
        (rt.totalMemory() - rt.freeMemory()) / 1048576.0,
        rt.maxMemory() / 1048576.0,
        rssKib() / 1024.0,
        before / 1024.0);
    if (decider.snapshot().nodes().isEmpty()) {
      throw new IllegalStateException("snapshot lost before measuring");
    }
  }

  private static long rssKib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }
}
