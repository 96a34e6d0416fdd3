package io.netplane.config.bench;

import io.netplane.config.fixtures.Fixtures;
import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.NodeView;
import io.netplane.config.model.PodView;
import io.netplane.config.rules.Decider;
import io.netplane.config.rules.Decision;
import io.netplane.config.rules.NodeDecision;
import io.netplane.config.rules.Purpose;
import io.netplane.config.rules.ScoringStrategy;
import io.netplane.config.rules.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One pod through filter then prioritize over every node of a large cluster, the way kube-scheduler
 * calls an extender, against a pass-through baseline that only looks each node up and answers "fit"
 * (the floor of producing a per-node answer).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecideBenchmark {
  @Param("5000")
  public int nodes;

  @Param("200")
  public int podNetworkings;

  @Param("300")
  public int vSwitches;

  @Param("20000")
  public int pods;

  private Decider decider;
  private List<String> nodeNames;
  private List<PodView> pending;
  private Map<String, NodeView> nodeIndex;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    ClusterSnapshot snapshot = Fixtures.largeCluster(nodes, podNetworkings, vSwitches, pods, 42);
    decider = new Decider(snapshot, ScoringStrategy.SPREAD);
    nodeNames = new ArrayList<>(snapshot.nodes().keySet());
    nodeIndex = snapshot.nodes();
    pending = snapshot.pods().stream().filter(p -> p.nodeName() == null).toList();
    if (pending.isEmpty()) {
      throw new IllegalStateException("the generated cluster has no pending pod");
    }
  }

  private PodView nextPod() {
    PodView p = pending.get(next);
    next = (next + 1) % pending.size();
    return p;
  }

  @Benchmark
  public void filterThenPrioritize(Blackhole bh) {
    PodView pod = nextPod();
    Decision filtered = decider.decide(pod, nodeNames, Purpose.FILTER);
    List<String> fit = new ArrayList<>(filtered.nodes().size());
    for (NodeDecision n : filtered.nodes()) {
      if (n.verdict().fits()) {
        fit.add(n.node());
      }
    }
    bh.consume(filtered);
    bh.consume(decider.decide(pod, fit, Purpose.PRIORITIZE));
  }

  @Benchmark
  public void passThroughBaseline(Blackhole bh) {
    PodView pod = nextPod();
    for (int round = 0; round < 2; round++) {
      List<NodeDecision> out = new ArrayList<>(nodeNames.size());
      for (String name : nodeNames) {
        NodeView n = nodeIndex.get(name);
        out.add(new NodeDecision(name, n == null ? null : n.zone(), Verdict.FIT, 0));
      }
      bh.consume(out);
    }
    bh.consume(pod);
  }
}
