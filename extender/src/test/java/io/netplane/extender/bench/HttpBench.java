package io.netplane.extender.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netplane.config.fixtures.Fixtures;
import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.NetworkAnnotations;
import io.netplane.config.model.PodView;
import io.netplane.config.rules.Decider;
import io.netplane.config.rules.Decision;
import io.netplane.config.rules.NodeDecision;
import io.netplane.config.rules.NodeVerdicts;
import io.netplane.config.rules.Purpose;
import io.netplane.config.rules.Resolution;
import io.netplane.config.rules.ScoringStrategy;
import io.netplane.config.rules.Verdict;
import io.netplane.extender.server.DeciderSource;
import io.netplane.extender.server.ExtenderServer;
import io.netplane.extender.server.ServerOptions;
import io.netplane.extender.wire.AnswerEncoder;
import io.netplane.extender.wire.ExtenderArgs;
import io.netplane.extender.wire.RequestDecoder;
import io.netplane.extender.wire.ServedSnapshot;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP benchmark of {@code serve} over a 5000-node snapshot in NodeNames mode, side by side with a
 * baseline measured in the same run: the same Vert.x set-up whose handler parses the same request
 * with Jackson databind and answers every node fit (the floor of the HTTP+JSON path). Drives both
 * with wrk: latency at concurrency 1 (how kube-scheduler calls: one filter, then one prioritize per
 * pod) and throughput at 50 connections. Each server is warmed up before it is measured.
 */
public final class HttpBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DURATION = System.getProperty("bench.duration", "8s");
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

  private HttpBench() {}

  public static void main(String[] args) throws Exception {
    ClusterSnapshot snapshot = Fixtures.largeCluster(5000, 200, 300, 20_000, 42);
    Decider decider = new Decider(snapshot, ScoringStrategy.SPREAD);
    List<String> nodes = new ArrayList<>(snapshot.nodes().keySet());
    PodView pod = pendingPodWithFitNodes(decider, nodes);
    List<String> fit =
        decider.decide(pod, nodes, Purpose.FILTER).nodes().stream()
            .filter(n -> n.verdict().fits())
            .map(NodeDecision::node)
            .toList();

    Path dir = Files.createTempDirectory("netplane-http-bench");
    Path filterBody = write(dir.resolve("filter.json"), body(pod, nodes));
    Path prioritizeBody = write(dir.resolve("prioritize.json"), body(pod, fit));
    System.out.printf(
        "pod %s: %d nodes in the filter request, %d fit (prioritize request)%n",
        pod.key(), nodes.size(), fit.size());

    Vertx vertx = Vertx.vertx();
    ExtenderServer netplane =
        new ExtenderServer(
            vertx, DeciderSource.fixed(decider), new ServerOptions("127.0.0.1", 0, 64 << 20, 1));
    int netplanePort = netplane.start().await(30, TimeUnit.SECONDS);
    int baselinePort = baseline(vertx, ServedSnapshot.of(decider));

    List<String[]> rows = new ArrayList<>();
    // warm-up: JIT and heap sizing, so neither side pays them in the measured runs
    for (int port : List.of(baselinePort, netplanePort)) {
      wrk(port, "filter", filterBody, 4, dir);
      wrk(port, "prioritize", prioritizeBody, 4, dir);
    }
    for (String verb : List.of("filter", "prioritize")) {
      Path body = verb.equals("filter") ? filterBody : prioritizeBody;
      Wrk[] both = sideBySide(baselinePort, netplanePort, verb, body, 1, dir);
      rows.add(
          new String[] {
            verb + " c=1 p50 ms",
            fmt(both[0].p50),
            fmt(both[1].p50),
            ratio(both[1].p50, both[0].p50)
          });
      rows.add(
          new String[] {
            verb + " c=1 p99 ms",
            fmt(both[0].p99),
            fmt(both[1].p99),
            ratio(both[1].p99, both[0].p99) + "  (target <= 1.50x)"
          });
    }
    Wrk[] throughput = sideBySide(baselinePort, netplanePort, "filter", filterBody, 50, dir);
    Wrk ourThroughput = throughput[1];
    rows.add(
        new String[] {
          "filter c=50 req/s",
          fmt(throughput[0].rps),
          fmt(ourThroughput.rps),
          ratio(ourThroughput.rps, throughput[0].rps) + "  (target >= 0.80x)"
        });
    Wrk[] prioritize50 =
        sideBySide(baselinePort, netplanePort, "prioritize", prioritizeBody, 50, dir);
    rows.add(
        new String[] {
          "prioritize c=50 req/s",
          fmt(prioritize50[0].rps),
          fmt(prioritize50[1].rps),
          ratio(prioritize50[1].rps, prioritize50[0].rps) + "  (target >= 0.80x)"
        });
    rows.add(
        new String[] {
          "filter c=50 CPU us",
          fmt(throughput[0].cpuMicros),
          fmt(ourThroughput.cpuMicros),
          ratio(ourThroughput.cpuMicros, throughput[0].cpuMicros)
        });
    rows.add(
        new String[] {
          "prioritize c=50 CPU us",
          fmt(prioritize50[0].cpuMicros),
          fmt(prioritize50[1].cpuMicros),
          ratio(prioritize50[1].cpuMicros, prioritize50[0].cpuMicros)
        });
    // A second floor: parse like the baseline, answer netplane's own (precomputed) bytes. What is
    // left between it and netplane is deciding and encoding; the rest is the size of the answer.
    ServedSnapshot served = ServedSnapshot.of(decider);
    ExtenderArgs parsed =
        RequestDecoder.filterArgs(
            Files.readAllBytes(filterBody), served, RequestDecoder.maxNames(decider.nodeCount()));
    byte[] sameAnswer =
        AnswerEncoder.filterResult(
                parsed, decider.decide(pod, nodes, Purpose.FILTER).verdicts(), served)
            .getBytes();
    int sameAnswerPort = cannedAnswer(vertx, sameAnswer);
    wrk(sameAnswerPort, "filter", filterBody, 4, dir);
    Wrk sameThroughput = wrk(sameAnswerPort, "filter", filterBody, 50, dir);
    rows.add(
        new String[] {
          "filter c=50 req/s (**)",
          fmt(sameThroughput.rps),
          fmt(ourThroughput.rps),
          ratio(ourThroughput.rps, sameThroughput.rps)
        });
    // The same measurement for a pod most nodes fit: the answer is then about as small as the
    // baseline's, which shows what the rejection messages of the first pod cost.
    PodView open = podFittingMost(decider, nodes);
    Path openBody = write(dir.resolve("filter-open.json"), body(open, nodes));
    wrk(netplanePort, "filter", openBody, 4, dir);
    Wrk[] open50 = sideBySide(baselinePort, netplanePort, "filter", openBody, 50, dir);
    rows.add(
        new String[] {
          "filter c=50 req/s (*)",
          fmt(open50[0].rps),
          fmt(open50[1].rps),
          ratio(open50[1].rps, open50[0].rps)
        });

    System.out.printf("%n%d alternating runs of %s per side; medians%n", ROUNDS, DURATION);
    System.out.printf("%-22s %12s %12s %s%n", "", "baseline", "netplane", "ratio");
    rows.forEach(r -> System.out.printf("%-22s %12s %12s %s%n", r[0], r[1], r[2], r[3]));
    Decision openDecision = decider.decide(open, nodes, Purpose.FILTER);
    System.out.printf(
        "(*) pod %s (%s), which %d of the %d nodes fit%n",
        open.key(), openDecision.resolution().why(), openDecision.fitCount(), nodes.size());
    System.out.printf(
        "(**) baseline answering netplane's %d-byte answer instead of its own %d bytes%n",
        sameAnswer.length,
        AnswerEncoder.filterResult(parsed, allFit(parsed.nodeNames()), served).length());

    netplane.stop().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  static PodView pendingPodWithFitNodes(Decider decider, List<String> nodes) {
    for (PodView p : decider.snapshot().pods()) {
      if (p.nodeName() == null && decider.decide(p, nodes, Purpose.FILTER).fitCount() > 100) {
        return p;
      }
    }
    throw new IllegalStateException("no pending pod with fit nodes in the generated cluster");
  }

  /** A pending pod Terway manages whose network 90% of the nodes fit: every rule runs on them. */
  static PodView podFittingMost(Decider decider, List<String> nodes) {
    for (PodView p : decider.snapshot().pods()) {
      if (p.nodeName() != null
          || p.hostNetwork()
          || !NetworkAnnotations.NONE.equals(p.networkAnnotations())) {
        continue;
      }
      Decision d = decider.decide(p, nodes, Purpose.FILTER);
      if (d.resolution().kind() != Resolution.Kind.UNMANAGED
          && d.fitCount() > nodes.size() * 9 / 10) {
        return p;
      }
    }
    throw new IllegalStateException(
        "no pending managed pod that 90% of the nodes fit in the generated cluster");
  }

  /**
   * The baseline: parse the request with Jackson databind, answer every node fit (its verdicts are
   * numbered by no snapshot, so every name is encoded per request).
   */
  private static int baseline(Vertx vertx, ServedSnapshot served) {
    Router router = Router.router(vertx);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(64 << 20);
    for (String verb : List.of("filter", "prioritize")) {
      router
          .post("/" + verb)
          .handler(body)
          .handler(
              ctx -> {
                ExtenderArgs args = databind(ctx.body().buffer().getBytes());
                NodeVerdicts all = allFit(args.nodeNames());
                Buffer out =
                    verb.equals("filter")
                        ? AnswerEncoder.filterResult(args, all, served)
                        : AnswerEncoder.priorities(all, served);
                ctx.response().putHeader("Content-Type", "application/json").end(out);
              });
    }
    return vertx
        .createHttpServer(new HttpServerOptions())
        .requestHandler(router)
        .listen(0, "127.0.0.1")
        .await()
        .actualPort();
  }

  /** The baseline's parse: the whole body as a tree, then the names out of it. */
  static ExtenderArgs databind(byte[] body) {
    try {
      JsonNode root = JSON.readTree(body);
      List<String> names = new ArrayList<>();
      root.get("NodeNames").forEach(n -> names.add(n.asText()));
      return new ExtenderArgs(root.get("Pod"), names, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every node fit with score 0, in request order: the baseline's answer. */
  private static NodeVerdicts allFit(List<String> names) {
    return NodeVerdicts.of(
        names, Collections.nCopies(names.size(), Verdict.FIT), new int[names.size()]);
  }

  /** Parses the request like the baseline, then answers the same precomputed bytes. */
  private static int cannedAnswer(Vertx vertx, byte[] answer) {
    Router router = Router.router(vertx);
    router
        .post("/filter")
        .handler(BodyHandler.create(false).setBodyLimit(64 << 20))
        .handler(
            ctx -> {
              databind(ctx.body().buffer().getBytes());
              ctx.response()
                  .putHeader("Content-Type", "application/json")
                  .end(Buffer.buffer(answer));
            });
    return vertx
        .createHttpServer(new HttpServerOptions())
        .requestHandler(router)
        .listen(0, "127.0.0.1")
        .await()
        .actualPort();
  }

  static byte[] body(PodView pod, List<String> nodeNames) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode p = root.putObject("Pod");
    ObjectNode meta = p.putObject("metadata");
    meta.put("name", pod.name()).put("namespace", pod.namespace()).put("uid", "bench-uid");
    ObjectNode labels = meta.putObject("labels");
    pod.labels().forEach(labels::put);
    if (!pod.ownerKinds().isEmpty()) {
      var owners = meta.putArray("ownerReferences");
      pod.ownerKinds().forEach(kind -> owners.addObject().put("kind", kind).put("name", "owner"));
    }
    ObjectNode spec = p.putObject("spec");
    spec.put("hostNetwork", pod.hostNetwork());
    spec.putArray("containers").addObject().put("name", "app").put("image", "app:1");
    root.putNull("Nodes");
    ArrayNode names = root.putArray("NodeNames");
    nodeNames.forEach(names::add);
    return JSON.writeValueAsBytes(root);
  }

  /**
   * @param cpuMicros CPU time of the event loops per request, in µs: less moved by the load of a
   *     shared machine than rates
   */
  private record Wrk(double p50, double p99, double rps, double cpuMicros) {}

  /**
   * Baseline and netplane measured in turn, {@link #ROUNDS} times each, so that a noisy stretch of
   * a shared machine falls on both sides; the medians of each side.
   */
  private static Wrk[] sideBySide(
      int basePort, int ourPort, String verb, Path body, int connections, Path dir)
      throws Exception {
    List<Wrk> base = new ArrayList<>();
    List<Wrk> ours = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      base.add(wrk(basePort, verb, body, connections, dir));
      ours.add(wrk(ourPort, verb, body, connections, dir));
    }
    return new Wrk[] {median(base), median(ours)};
  }

  private static Wrk median(List<Wrk> runs) {
    return new Wrk(
        median(runs, Wrk::p50),
        median(runs, Wrk::p99),
        median(runs, Wrk::rps),
        median(runs, Wrk::cpuMicros));
  }

  private static double median(List<Wrk> runs, ToDoubleFunction<Wrk> measure) {
    double[] values = runs.stream().mapToDouble(measure).sorted().toArray();
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  private static final Pattern P50 = Pattern.compile("\\s50%\\s+([\\d.]+)(us|ms|s)");
  private static final Pattern P99 = Pattern.compile("\\s99%\\s+([\\d.]+)(us|ms|s)");
  private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
  private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");

  /**
   * CPU time so far of all Vert.x event-loop threads: each server has one, and during a run only
   * the measured server's is busy.
   */
  private static long eventLoopCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("vert.x-eventloop-thread-")) {
        sum += Math.max(0, threads.getThreadCpuTime(t.getId()));
      }
    }
    return sum;
  }

  private static Wrk wrk(int port, String verb, Path body, int connections, Path dir)
      throws Exception {
    Path script =
        write(
            dir.resolve("post.lua"),
            ("wrk.method = \"POST\"\n"
                    + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
                    + "local f = io.open(os.getenv(\"BODY\"), \"rb\")\nwrk.body = f:read(\"*a\")\nf:close()\n")
                .getBytes());
    ProcessBuilder pb =
        new ProcessBuilder(
            "wrk",
            "-t" + Math.min(2, connections),
            "-c" + connections,
            "-d" + DURATION,
            "--latency",
            "-s",
            script.toString(),
            "http://127.0.0.1:" + port + "/" + verb);
    pb.environment().put("BODY", body.toString());
    pb.redirectErrorStream(true);
    long cpuBefore = eventLoopCpuNanos();
    Process proc;
    try {
      proc = pb.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "wrk is not installed: apt-get install wrk (deploy/bench/http-bench.sh does it)", e);
    }
    String out = new String(proc.getInputStream().readAllBytes());
    if (proc.waitFor() != 0 || out.contains("Non-2xx")) {
      throw new IllegalStateException("wrk failed or saw errors:\n" + out);
    }
    return new Wrk(
        millis(P50, out),
        millis(P99, out),
        number(RPS, out),
        (eventLoopCpuNanos() - cpuBefore) / 1000.0 / number(REQUESTS, out));
  }

  private static double millis(Pattern p, String out) {
    Matcher m = p.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("no " + p + " in wrk output:\n" + out);
    }
    double v = Double.parseDouble(m.group(1));
    return Map.of("us", v / 1000, "ms", v, "s", v * 1000).get(m.group(2));
  }

  private static double number(Pattern p, String out) {
    Matcher m = p.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("no " + p + " in wrk output:\n" + out);
    }
    return Double.parseDouble(m.group(1));
  }

  private static Path write(Path p, byte[] bytes) throws IOException {
    return Files.write(p, bytes);
  }

  private static String fmt(double v) {
    return String.format("%.2f", v);
  }

  private static String ratio(double ours, double base) {
    return String.format("%.2fx", ours / base);
  }
}
