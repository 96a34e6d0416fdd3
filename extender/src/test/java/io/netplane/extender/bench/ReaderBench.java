package io.netplane.extender.bench;

import io.netplane.config.fixtures.Fixtures;
import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.rules.Decider;
import io.netplane.config.rules.ScoringStrategy;
import io.netplane.extender.wire.RequestDecoder;
import io.netplane.extender.wire.ServedSnapshot;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * The request reader alone, in one thread, without HTTP: {@link HttpBench}'s 5000-name filter
 * request read by netplane's reader against the snapshot and by the baseline's databind parse, in
 * turns. Prints the CPU time per request of the cheapest round of each after warm-up: on a shared
 * machine the cheapest round is the one least disturbed.
 */
public final class ReaderBench {
  private static final int WARM_UP = 3;
  private static final int ROUNDS = 12;
  private static final int REQUESTS = 2000;
  private static volatile Object sink;

  private ReaderBench() {}

  public static void main(String[] args) throws Exception {
    ClusterSnapshot snapshot = Fixtures.largeCluster(5000, 200, 300, 20_000, 42);
    Decider decider = new Decider(snapshot, ScoringStrategy.SPREAD);
    List<String> nodes = new ArrayList<>(snapshot.nodes().keySet());
    byte[] body = HttpBench.body(snapshot.pods().get(0), nodes);
    ServedSnapshot served = ServedSnapshot.of(decider);
    int maxNames = RequestDecoder.maxNames(decider.nodeCount());
    if (!RequestDecoder.filterArgs(body, served, maxNames).nodeNames().equals(nodes)) {
      throw new IllegalStateException("the reader lost names");
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double netplane = Double.MAX_VALUE;
    double baseline = Double.MAX_VALUE;
    for (int round = 0; round < WARM_UP + ROUNDS; round++) {
      long start = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < REQUESTS; i++) {
        sink = RequestDecoder.filterArgs(body, served, maxNames);
      }
      long middle = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < REQUESTS; i++) {
        sink = HttpBench.databind(body);
      }
      long end = threads.getCurrentThreadCpuTime();
      if (round >= WARM_UP) {
        netplane = Math.min(netplane, (middle - start) / 1e3 / REQUESTS);
        baseline = Math.min(baseline, (end - middle) / 1e3 / REQUESTS);
      }
    }
    System.out.printf(
        "read a %d-byte filter request of %d names, CPU us (cheapest of %d rounds of %d)%n",
        body.length, nodes.size(), ROUNDS, REQUESTS);
    System.out.printf("baseline (databind):  %8.1f%n", baseline);
    System.out.printf("netplane:             %8.1f%n", netplane);
    System.out.printf("ratio:                %8.2fx%n", netplane / baseline);
  }
}
