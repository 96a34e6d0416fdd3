package io.netplane.agent.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.netplane.agent.apply.ApplyListener;
import io.netplane.agent.apply.ApplyResult;
import io.netplane.agent.apply.Cloud;
import io.netplane.agent.apply.PoolApplier;
import io.netplane.agent.model.FixedCidrPool;
import io.netplane.agent.plan.Finding;
import io.netplane.agent.plan.Plan;
import io.netplane.agent.plan.PlanText;
import io.netplane.agent.plan.ResolvedPool;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Applies pools once, with a progress line per step. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description =
        "Apply the pools: override ConfigMap, ACK node pool, node labels and taints. Re-run to resume. Exit code 0: converged, 1: error.")
final class ApplyCommand implements Callable<Integer> {
  @Mixin PoolFiles files;
  @Mixin ClusterOptions cluster;
  @Spec CommandSpec spec;
  private final Connections connections;
  private final boolean delete;

  ApplyCommand(Connections connections) {
    this(connections, false);
  }

  ApplyCommand(Connections connections, boolean delete) {
    this.connections = connections;
    this.delete = delete;
  }

  @Override
  public Integer call() {
    List<FixedCidrPool> pools = files.read();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Cloud cloud = cluster.cloud(connections);
    int code = 0;
    try (KubernetesClient client = cluster.kubernetes(connections);
        PoolApplier applier = cluster.applier(client, cloud)) {
      for (FixedCidrPool p : pools) {
        String name = p.name();
        ApplyListener progress =
            new ApplyListener() {
              @Override
              public void calling(String what) {
                Progress.line(err, name, what);
              }

              @Override
              public void planned(Plan plan, int pass) {
                if (plan.blocked()) {
                  out.print(PlanText.render(plan));
                } else if (plan.hasChanges()) {
                  out.printf("[%s] pass %d: %d step(s)%n", name, pass, plan.stepCount());
                }
                out.flush();
              }

              @Override
              public synchronized void stepDone(String step, Duration took) {
                out.printf("[%s] %s (%d ms)%n", name, step, took.toMillis());
                out.flush();
              }
            };
        ResolvedPool pool = ResolvedPool.of(p);
        ApplyResult r = delete ? applier.delete(pool, progress) : applier.apply(pool, progress);
        if (r.failure() != null) {
          err.printf(
              "[%s] error: %s: %s (run again to resume)%n",
              name, r.failure().code(), r.failure().message());
          code = 1;
        } else if (r.plan().blocked()) {
          err.printf("[%s] error: not applied, see the ERROR findings above%n", name);
          code = 1;
        } else {
          for (Finding f : r.plan().findings()) {
            out.printf("[%s] %s%n", name, f);
          }
          var s = r.plan().summary();
          out.printf(
              delete
                  ? "[%s] deleted: %d step(s)%n"
                  : "[%s] done: %d step(s); nodes %d configured, %d needing recycle; whitelist %s%n",
              name,
              r.steps(),
              s.configured().size(),
              s.needingRecycle().size(),
              String.join(" ", r.plan().whitelistCidrs()));
        }
      }
    }
    out.flush();
    return code;
  }
}
