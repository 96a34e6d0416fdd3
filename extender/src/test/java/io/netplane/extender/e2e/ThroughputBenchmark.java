package io.netplane.extender.e2e;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.Timer;
import io.netplane.config.cli.DurationConverter;
import io.netplane.config.e2e.LocalControlPlane;
import io.netplane.config.fixtures.KubeFixtures;
import io.netplane.config.model.InstanceType;
import io.netplane.config.model.VSwitch;
import io.netplane.extender.live.Inventory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scheduling throughput of the same kube-scheduler build with and without the netplane extender, in
 * one run against one control plane: 1000 nodes, then rounds of 2000 pods cycling through {@code
 * NETPLANE_EXTENDER=none}, a pass-through extender (every node fits: the cost of any HTTP extender)
 * and netplane. Not a test (no *E2E suffix, never in CI); run it with {@code
 * deploy/local/throughput.sh} (see docs/e2e.md).
 *
 * <p>Each round stops kube-scheduler, creates all pods (so creation speed does not limit the
 * measurement), restarts kube-scheduler in the round's mode and records, from a watch, when each
 * pod gets its node. Throughput is {@code (pods - 1) / (last binding - first binding)}.
 *
 * <p>The extender runs as {@code serve --kubeconfig --inventory} would (live informers, fixed cloud
 * inventory, default 50 ms snapshot rebuild interval), in this JVM, on the same machine as etcd,
 * the apiserver and kube-scheduler: its CPU cost competes with theirs, as it would on a
 * control-plane node.
 *
 * <p>System properties: {@code netplane.bench.nodes} (1000), {@code netplane.bench.pods} (2000),
 * {@code netplane.bench.rounds} (3 per mode).
 */
@ExtendWith(LocalControlPlane.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThroughputBenchmark {
  private static final int NODES = Integer.getInteger("netplane.bench.nodes", 1000);
  private static final int PODS = Integer.getInteger("netplane.bench.pods", 2000);
  private static final int ROUNDS = Integer.getInteger("netplane.bench.rounds", 3);

  /** Pods of the unreported warm-up round per mode (JIT, caches, connections); 0 for none. */
  private static final int WARMUP = Integer.getInteger("netplane.bench.warmup", 500);

  /**
   * High enough that kube-scheduler's client rate limit (binding + event per pod) is not what is
   * measured.
   */
  private static final int QPS = Integer.getInteger("netplane.bench.qps", 2000);

  /**
   * Modes cycled through each round: none (no extender), passthrough (every node fits), netplane,
   * netplane-filter (netplane with only filterVerb configured).
   */
  private static final List<String> MODES =
      List.of(System.getProperty("netplane.bench.modes", "none,passthrough,netplane").split(","));

  /** The extender's least time between snapshot rebuilds; serve's default. */
  private static final Duration REBUILD =
      new DurationConverter().convert(System.getProperty("netplane.bench.rebuild", "50ms"));

  private static final String[] ZONES = {Fixtures.ZONE_H, Fixtures.ZONE_I, Fixtures.ZONE_J};
  private static final String LABEL = Fixtures.TEST_LABEL;

  private LocalControlPlane.Cluster cluster;
  private KubernetesClient kube;
  private NetplaneExtender extender;
  private final List<String> report = new ArrayList<>();

  record Round(
      String mode,
      int index,
      double podsPerSecond,
      double fromReadySeconds,
      double createSeconds,
      long zoneViolations,
      long failedScheduling,
      long filterCalls,
      double filterMeanMillis,
      double prioritizeMeanMillis,
      double cpuScheduler,
      double cpuApiserver,
      double cpuEtcd,
      double cpuExtenderJvm,
      double otherSeconds) {}

  @Test
  void schedulingThroughputWithAndWithoutNetplane(LocalControlPlane.Cluster cluster)
      throws Exception {
    this.cluster = cluster;
    this.kube = cluster.client();
    setUpCluster();
    extender = NetplaneExtender.withInventory(cluster, inventory(), REBUILD);
    try {
      extender.awaitSnapshot(NODES + " nodes", s -> s.nodes().size() >= NODES);
      List<Round> rounds = new ArrayList<>();
      int n = 0;
      if (WARMUP > 0) {
        for (String mode : MODES) {
          round(mode, ++n, WARMUP, "warm-up ");
        }
      }
      for (int r = 0; r < ROUNDS; r++) {
        for (String mode : MODES) {
          rounds.add(round(mode, ++n, PODS, ""));
        }
      }
      summarize(rounds);
    } finally {
      extender.close();
      cluster.restoreScheduler();
      Path out = cluster.workDir().resolve("throughput.txt");
      Files.write(out, report);
      System.out.println(String.join("\n", report));
    }
  }

  // ------------------------------------------------------------------ set-up

  private void setUpCluster() throws Exception {
    kube.configMaps()
        .inNamespace("kube-system")
        .resource(KubeFixtures.eniConfig("eni-config", Fixtures.baseEniConf()))
        .serverSideApply();
    for (String[] pn :
        new String[][] {{"bench-hi", "vsw-bench-h", "vsw-bench-i"}, {"bench-j", "vsw-bench-j"}}) {
      List<String> ids = List.of(pn).subList(1, pn.length);
      kube.genericKubernetesResources(Fixtures.POD_NETWORKINGS)
          .resource(
              Fixtures.podNetworking(
                  "bench", pn[0], "Default", "Elastic", Map.of("app", pn[0]), null, ids))
          .createOr(op -> op.update());
      List<Map<String, String>> vs =
          ids.stream().map(id -> Map.of("id", id, "zone", zoneOfVSwitch(id))).toList();
      kube.genericKubernetesResources(Fixtures.POD_NETWORKINGS)
          .withName(pn[0])
          .subresource("status")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              kube.getKubernetesSerialization()
                  .asJson(
                      Map.of(
                          "status",
                          Map.of(
                              "status",
                              "Ready",
                              "vSwitches",
                              vs,
                              "updateAt",
                              Instant.now().toString()))));
    }
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      List<CompletableFuture<Void>> all =
          IntStream.range(0, NODES)
              .mapToObj(
                  i ->
                      CompletableFuture.runAsync(
                          () -> {
                            Fixtures.NodeSpec spec =
                                new Fixtures.NodeSpec(
                                    String.format(Locale.ROOT, "bench-%04d", i),
                                    ZONES[i % ZONES.length]);
                            if (kube.nodes().withName(spec.name).get() == null) {
                              kube.nodes().resource(spec.object("bench")).create();
                            }
                            kube.nodes()
                                .withName(spec.name)
                                .subresource("status")
                                .patch(
                                    PatchContext.of(PatchType.JSON_MERGE),
                                    kube.getKubernetesSerialization()
                                        .asJson(Map.of("status", spec.status())));
                          },
                          pool))
              .toList();
      all.forEach(CompletableFuture::join);
    } finally {
      pool.shutdown();
    }
    report.add(
        String.format(
            Locale.ROOT, "%d nodes created in %.1f s", NODES, (System.nanoTime() - t0) / 1e9));
  }

  private static String zoneOfVSwitch(String id) {
    return "cn-hangzhou-" + id.substring(id.length() - 1);
  }

  /**
   * What {@code serve --inventory DIR} would replay: vSwitches with ample IPs, the instance types.
   */
  private static Inventory inventory() {
    Map<String, VSwitch> v = new LinkedHashMap<>();
    Fixtures.BASE_VSWITCHES.forEach(
        (zone, id) ->
            v.put(id, new VSwitch(id, zone, "10.0.0.0/16", NetplaneExtender.VPC, 60_000L)));
    for (String id : List.of("vsw-bench-h", "vsw-bench-i", "vsw-bench-j")) {
      v.put(id, new VSwitch(id, zoneOfVSwitch(id), "10.1.0.0/16", NetplaneExtender.VPC, 60_000L));
    }
    Map<String, InstanceType> t =
        Map.of(Fixtures.G7_XLARGE, new InstanceType(Fixtures.G7_XLARGE, 4, 15, 20, true));
    return Inventory.fixed(v, t);
  }

  // ------------------------------------------------------------------ one round

  private Round round(String mode, int index, int pods, String label) throws Exception {
    String ns = "bench-" + index + "-" + mode;
    kube.namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(ns)
                .addToLabels(LABEL, "bench")
                .endMetadata()
                .build())
        .create();
    Map<String, Long> boundAt = new ConcurrentHashMap<>();
    SharedIndexInformer<Pod> informer =
        kube.pods()
            .inNamespace(ns)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Pod p) {
                    record(p);
                  }

                  @Override
                  public void onUpdate(Pod oldPod, Pod p) {
                    record(p);
                  }

                  @Override
                  public void onDelete(Pod p, boolean unknown) {}

                  private void record(Pod p) {
                    if (p.getSpec().getNodeName() != null) {
                      boundAt.putIfAbsent(p.getMetadata().getName(), System.nanoTime());
                    }
                  }
                });
    PassThroughExtender passThrough = null;
    try {
      cluster.stopScheduler();
      long c0 = System.nanoTime();
      createPods(ns, pods);
      double createSeconds = (System.nanoTime() - c0) / 1e9;
      Latency filter = new Latency("filter");
      Latency prioritize = new Latency("prioritize");
      double api0 = cluster.cpuSeconds("kube-apiserver");
      double etcd0 = cluster.cpuSeconds("etcd");
      double jvm0 = jvmCpuSeconds();
      double busy0 = machineBusySeconds();

      if (mode.equals("passthrough")) {
        extender.stopServer();
        passThrough = new PassThroughExtender(cluster.extenderPort());
      }
      cluster.restartScheduler(
          Map.of(
              "NETPLANE_EXTENDER",
              mode.equals("none") ? "none" : "netplane",
              "NETPLANE_EXTENDER_VERBS",
              mode.equals("netplane-filter") ? "filter" : "filter,prioritize,preempt",
              "NETPLANE_SCHEDULER_QPS",
              Integer.toString(QPS),
              "NETPLANE_SCHEDULER_BURST",
              Integer.toString(2 * QPS)));
      long ready = System.nanoTime();
      await("all " + pods + " pods of " + ns + " bound")
          .atMost(Duration.ofMinutes(15))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> boundAt.size() >= pods);

      long first = boundAt.values().stream().mapToLong(Long::longValue).min().orElseThrow();
      long last = boundAt.values().stream().mapToLong(Long::longValue).max().orElseThrow();
      double podsPerSecond = (pods - 1) / ((last - first) / 1e9);
      double sched = cluster.cpuSeconds("kube-scheduler");
      double api = cluster.cpuSeconds("kube-apiserver") - api0;
      double etcd = cluster.cpuSeconds("etcd") - etcd0;
      double jvm = jvmCpuSeconds() - jvm0;
      // kube-scheduler was stopped at busy0, so all of sched is this round's; "other" includes
      // up.sh
      double other = machineBusySeconds() - busy0 - sched - api - etcd - jvm;
      Round r =
          new Round(
              mode,
              index,
              podsPerSecond,
              (last - ready) / 1e9,
              createSeconds,
              zoneViolations(ns),
              failedScheduling(ns),
              filter.calls(),
              filter.meanMillis(),
              prioritize.meanMillis(),
              sched,
              api,
              etcd,
              jvm,
              Math.max(0, other));
      report.add(
          String.format(
              Locale.ROOT,
              "%sround %2d %-15s %6.1f pods/s | bindings over %.2f s (%.2f s from scheduler ready); zone violations %d; "
                  + "FailedScheduling %d | extender: %d filter calls, mean %.2f ms filter, %.2f ms prioritize (server side) | "
                  + "CPU s: kube-scheduler %.1f, apiserver %.1f, etcd %.1f, test JVM (extender) %.1f, other processes on the machine %.1f",
              label,
              index,
              mode,
              podsPerSecond,
              (last - first) / 1e9,
              r.fromReadySeconds(),
              r.zoneViolations(),
              r.failedScheduling(),
              r.filterCalls(),
              r.filterMeanMillis(),
              r.prioritizeMeanMillis(),
              r.cpuScheduler(),
              r.cpuApiserver(),
              r.cpuEtcd(),
              r.cpuExtenderJvm(),
              r.otherSeconds()));
      System.out.println(report.get(report.size() - 1));
      return r;
    } finally {
      if (passThrough != null) {
        passThrough.close();
        extender.startServer();
      }
      informer.close();
      cleanUp(ns);
    }
  }

  /** Server-side latency of one verb since construction, from the extender's own metrics. */
  private final class Latency {
    private final String verb;
    private final long count0;
    private final double total0;

    Latency(String verb) {
      this.verb = verb;
      Timer t = timer();
      count0 = t == null ? 0 : t.count();
      total0 = t == null ? 0 : t.totalTime(TimeUnit.MILLISECONDS);
    }

    private Timer timer() {
      return extender
          .metrics()
          .registry()
          .find("netplane_extender_request_duration")
          .tag("verb", verb)
          .timer();
    }

    long calls() {
      Timer t = timer();
      return t == null ? 0 : t.count() - count0;
    }

    double meanMillis() {
      Timer t = timer();
      long n = calls();
      return n == 0 ? 0 : (t.totalTime(TimeUnit.MILLISECONDS) - total0) / n;
    }
  }

  /**
   * CPU seconds the whole machine has been busy (user, nice, system, irq, softirq, steal over all
   * CPUs), from /proc/stat. Minus this benchmark's processes it shows how much other load disturbed
   * a round.
   */
  private static double machineBusySeconds() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
        busy += Long.parseLong(f[i]);
      }
      return busy / 100.0;
    } catch (Exception e) {
      return Double.NaN;
    }
  }

  private static double jvmCpuSeconds() {
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .map(d -> d.toMillis() / 1000.0)
        .orElse(Double.NaN);
  }

  /** Half default network, a quarter on bench-hi (zones h, i), a quarter on bench-j (zone j). */
  private void createPods(String ns, int pods) {
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      List<CompletableFuture<Void>> all =
          IntStream.range(0, pods)
              .mapToObj(
                  i ->
                      CompletableFuture.runAsync(
                          () -> {
                            Fixtures.PodSpec p =
                                new Fixtures.PodSpec(ns, String.format(Locale.ROOT, "p-%05d", i));
                            switch (i % 4) {
                              case 1 -> p.label("app", "bench-hi").memberEni();
                              case 3 -> p.label("app", "bench-j").memberEni();
                              default -> p.label("app", "bench-default");
                            }
                            kube.pods().inNamespace(ns).resource(p.object()).create();
                          },
                          pool))
              .toList();
      all.forEach(CompletableFuture::join);
    } finally {
      pool.shutdown();
    }
  }

  /** PodNetworking pods bound outside their vSwitches' zones: 0 with netplane. */
  private long zoneViolations(String ns) {
    return kube.pods().inNamespace(ns).list().getItems().stream()
        .filter(
            p -> {
              String app = p.getMetadata().getLabels().get("app");
              String node = p.getSpec().getNodeName();
              int i = Integer.parseInt(node.substring("bench-".length()));
              String zone = ZONES[i % ZONES.length];
              return switch (app) {
                case "bench-hi" -> zone.equals(Fixtures.ZONE_J);
                case "bench-j" -> !zone.equals(Fixtures.ZONE_J);
                default -> false;
              };
            })
        .count();
  }

  private long failedScheduling(String ns) {
    return kube.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> "FailedScheduling".equals(e.getReason()))
        .count();
  }

  private void cleanUp(String ns) {
    kube.pods().inNamespace(ns).withGracePeriod(0).delete();
    await("pods of " + ns + " gone")
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> kube.pods().inNamespace(ns).list().getItems().isEmpty());
    kube.v1().events().inNamespace(ns).delete();
    kube.namespaces().withName(ns).delete();
    String url =
        kube.getMasterUrl().toString().replaceAll("/$", "")
            + "/api/v1/namespaces/"
            + ns
            + "/finalize";
    try {
      kube.raw(
          url,
          "PUT",
          "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\""
              + ns
              + "\"},\"spec\":{\"finalizers\":[]}}");
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
    // the next round starts without this round's reservations
    extender.awaitSnapshot(
        "no pods of " + ns, s -> s.pods().stream().noneMatch(p -> p.namespace().equals(ns)));
  }

  // ------------------------------------------------------------------ report

  private void summarize(List<Round> rounds) {
    double none = median(rounds, "none");
    double pass = median(rounds, "passthrough");
    double net = median(rounds, "netplane");
    double bestNone = best(rounds, "none");
    double bestPass = best(rounds, "passthrough");
    double bestNet = best(rounds, "netplane");
    report.add("");
    report.add(
        "pods/s = (pods - 1) / (last binding - first binding), seen by a watch. Other load on the machine only ever");
    report.add(
        "slows a round down, so the best round of each mode is the least disturbed estimate; medians for reference.");
    report.add(
        String.format(
            Locale.ROOT,
            "kube-scheduler v1.33.13 (client qps %d, burst %d), %d nodes, %d pods per round, "
                + "%d rounds per mode after a %d-pod warm-up, extender rebuild interval %s, %d CPUs",
            QPS,
            2 * QPS,
            NODES,
            PODS,
            ROUNDS,
            WARMUP,
            DurationConverter.format(REBUILD),
            Runtime.getRuntime().availableProcessors()));
    report.add(
        String.format(
            Locale.ROOT,
            "without extender (NETPLANE_EXTENDER=none): median %.1f pods/s, best %.1f",
            none,
            bestNone));
    report.add(
        String.format(
            Locale.ROOT,
            "pass-through extender (every node fits):   median %.1f pods/s, best %.1f",
            pass,
            bestPass));
    report.add(
        String.format(
            Locale.ROOT,
            "with netplane:                             median %.1f pods/s, best %.1f",
            net,
            bestNet));
    if (MODES.contains("netplane-filter")) {
      report.add(
          String.format(
              Locale.ROOT,
              "netplane, filterVerb only:                 median %.1f pods/s, best %.1f",
              median(rounds, "netplane-filter"),
              best(rounds, "netplane-filter")));
    }
    report.add(
        String.format(
            Locale.ROOT,
            "ratio netplane/none: %.2f (best), %.2f (median); target >= 0.80 -> %s",
            bestNet / bestNone,
            net / none,
            bestNet / bestNone >= 0.8 ? "MET" : "NOT MET"));
    report.add(
        String.format(
            Locale.ROOT,
            "ratio pass-through/none: %.2f (best), %.2f (median): the cost of any HTTP extender here; "
                + "netplane/pass-through: %.2f (best)",
            bestPass / bestNone,
            pass / none,
            bestNet / bestPass));
    if (MODES.contains("netplane-filter")) {
      report.add(
          String.format(
              Locale.ROOT,
              "ratio netplane filterVerb only/none: %.2f (best), %.2f (median)",
              best(rounds, "netplane-filter") / bestNone,
              median(rounds, "netplane-filter") / none));
    }
  }

  private static double best(List<Round> rounds, String mode) {
    return rounds.stream()
        .filter(r -> r.mode().equals(mode))
        .mapToDouble(Round::podsPerSecond)
        .max()
        .orElse(0);
  }

  private static double median(List<Round> rounds, String mode) {
    double[] s =
        rounds.stream()
            .filter(r -> r.mode().equals(mode))
            .mapToDouble(Round::podsPerSecond)
            .toArray();
    java.util.Arrays.sort(s);
    return s.length == 0
        ? 0
        : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
