package io.netplane.config.bench;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link DecideBenchmark} and prints the decision cost per pod, the baseline measured in the
 * same run, their ratio, and the 1 ms-per-pod target.
 */
public final class BenchMain {
  private static final double TARGET_MS_PER_POD = 1.0;

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    Options options =
        new OptionsBuilder()
            .include(DecideBenchmark.class.getName())
            .forks(1)
            .warmupIterations(3)
            .warmupTime(TimeValue.seconds(2))
            .measurementIterations(5)
            .measurementTime(TimeValue.seconds(2))
            .jvmArgsAppend("-Xmx2g")
            .build();
    Collection<RunResult> results = new Runner(options).run();
    double decide = score(results, "filterThenPrioritize");
    double baseline = score(results, "passThroughBaseline");
    double ms = decide / 1000.0;
    System.out.printf("%nfilter+prioritize per pod over all nodes: %.3f ms%n", ms);
    System.out.printf("pass-through baseline (same run):         %.3f ms%n", baseline / 1000.0);
    System.out.printf("ratio netplane / baseline:                %.2fx%n", decide / baseline);
    System.out.printf(
        "target <= %.1f ms per pod:                 %s%n",
        TARGET_MS_PER_POD, ms <= TARGET_MS_PER_POD ? "met" : "MISSED");
  }

  private static double score(Collection<RunResult> results, String method) {
    return results.stream()
        .filter(r -> r.getParams().getBenchmark().endsWith("." + method))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no result for " + method))
        .getPrimaryResult()
        .getScore();
  }
}
