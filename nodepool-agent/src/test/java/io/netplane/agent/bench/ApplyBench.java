package io.netplane.agent.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.netplane.agent.apply.ApplyListener;
import io.netplane.agent.apply.ApplyResult;
import io.netplane.agent.apply.Harness;
import io.netplane.agent.plan.ResolvedPool;
import io.netplane.config.model.NodeTaint;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a pool of 200 nodes against fabric8's mock API server (CRUD) and the fake cloud, and
 * prints the time next to a baseline from the same run: a second apply of the converged pool
 * (observe + plan, no writes). Target: the full rollout under 10 s.
 *
 * <p>{@code ./mvnw -q -pl config,nodepool-agent verify -Dtest=NONE
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ApplyBenchIT}
 */
public final class ApplyBench {
  public static final int NODES = 200;
  public static final Duration TARGET = Duration.ofSeconds(10);

  /** The measured figures. */
  public record Result(int nodes, Duration rollout, Duration noOp, int steps, boolean converged) {
    public String report() {
      return String.format(
          "apply of a %d-node pool (mock API server):   %6d ms (%d writes)%n"
              + "second apply, nothing to do (same run):    %6d ms%n"
              + "ratio rollout / no-op:                     %6.1fx%n"
              + "target < %d s:                             %s%n",
          nodes,
          rollout.toMillis(),
          steps,
          noOp.toMillis(),
          (double) rollout.toNanos() / Math.max(1, noOp.toNanos()),
          TARGET.toSeconds(),
          converged && rollout.compareTo(TARGET) < 0 ? "met" : "MISSED");
    }
  }

  private ApplyBench() {}

  public static Result run(KubernetesClient client, int nodes) {
    try (Harness h = new Harness(client)) {
      for (int i = 0; i < nodes; i++) {
        h.node(
            String.format("node-%03d", i),
            i % 2 == 0 ? Harness.ZONE_H : Harness.ZONE_I,
            Harness.NP);
      }
      ResolvedPool pool =
          new ResolvedPool(
              "db",
              1L,
              Harness.NP,
              null,
              null,
              List.of("vsw-h", "vsw-i"),
              List.of("sg-pool"),
              "eni-config-db",
              new NodeTaint("netplane.io/pool", "db", "NoSchedule"),
              Map.of("team", "db"),
              100);
      long t0 = System.nanoTime();
      ApplyResult r = h.applier.apply(pool, ApplyListener.NONE);
      Duration rollout = Duration.ofNanos(System.nanoTime() - t0);
      long t1 = System.nanoTime();
      ApplyResult again = h.applier.apply(pool, ApplyListener.NONE);
      Duration noOp = Duration.ofNanos(System.nanoTime() - t1);
      boolean converged =
          r.converged() && again.steps() == 0 && r.plan().summary().configured().size() == nodes;
      return new Result(nodes, rollout, noOp, r.steps(), converged);
    }
  }

  public static void main(String[] args) {
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init();
    try (KubernetesClient client = server.createClient()) {
      Result r = run(client, NODES);
      System.out.print(r.report());
      if (!r.converged() || r.rollout().compareTo(TARGET) >= 0) {
        System.exit(1);
      }
    } finally {
      server.destroy();
    }
  }
}
