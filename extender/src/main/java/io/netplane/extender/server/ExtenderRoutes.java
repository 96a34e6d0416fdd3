package io.netplane.extender.server;

import static io.netplane.extender.server.RouteTable.reply;
import static io.netplane.extender.server.RouteTable.replyError;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netplane.config.kube.KubeObjects;
import io.netplane.config.load.CloudDocuments;
import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.PodView;
import io.netplane.config.rules.Decider;
import io.netplane.config.rules.Decision;
import io.netplane.config.rules.Preemption;
import io.netplane.config.rules.Purpose;
import io.netplane.extender.render.DecisionJson;
import io.netplane.extender.render.DecisionText;
import io.netplane.extender.wire.AnswerEncoder;
import io.netplane.extender.wire.BadRequestException;
import io.netplane.extender.wire.ExtenderArgs;
import io.netplane.extender.wire.PreemptionArgs;
import io.netplane.extender.wire.RequestDecoder;
import io.netplane.extender.wire.ServedSnapshot;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extender's HTTP surface: {@code POST /filter}, {@code /prioritize}, {@code /preempt}, {@code
 * GET /explain}, {@code /inventory}, {@code /healthz}, {@code /readyz}, {@code /metrics}. Every
 * request gets an id first. A decision verb answers 503 while the source is not ready; else it
 * decodes the body against the served snapshot ({@link RequestDecoder}), maps the pod to a view
 * ({@link KubeObjects}), decides through the source (which for {@code /filter} also holds the IPs
 * the pod claims, {@link DeciderSource#filter}), encodes the answer ({@link AnswerEncoder}), and
 * counts and logs it ({@link ExtenderMetrics}, {@link RejectionLog}). A bad request gets a 400 with
 * one line why; a failure inside a handler is logged once with its cause and answered without it.
 */
public final class ExtenderRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ExtenderRoutes.class);
  private final DeciderSource source;
  private final ExtenderMetrics metrics;

  public ExtenderRoutes(DeciderSource source, ExtenderMetrics metrics) {
    this.source = source;
    this.metrics = metrics;
  }

  public Router router(Vertx vertx, long maxBodyBytes) {
    RouteTable routes = health(vertx);
    reads(routes);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
    routes
        .route(HttpMethod.POST, "/filter")
        .handler(body)
        .handler(ctx -> verb(ctx, "filter", this::filter));
    routes
        .route(HttpMethod.POST, "/prioritize")
        .handler(body)
        .handler(ctx -> verb(ctx, "prioritize", this::prioritize));
    routes
        .route(HttpMethod.POST, "/preempt")
        .handler(body)
        .handler(ctx -> verb(ctx, "preempt", this::preempt));
    return routes.router(ExtenderRoutes::internalError);
  }

  /**
   * Only {@code GET /healthz}, {@code /readyz} and {@code /metrics}: what kubelet probes and
   * Prometheus read, for a plain-HTTP listener next to a mutual-TLS one (whose handshake they
   * cannot complete). No decisions and no pod data are served there.
   */
  public Router healthRouter(Vertx vertx) {
    return health(vertx).router();
  }

  /**
   * What {@code kubectl netplane} reads, without the verbs kube-scheduler calls: for the plain-HTTP
   * listener on 127.0.0.1 ({@code serve --local-port}) that a Kubernetes port-forward reaches when
   * the main port requires client certificates.
   */
  public Router localRouter(Vertx vertx) {
    RouteTable routes = health(vertx);
    reads(routes);
    return routes.router();
  }

  private RouteTable health(Vertx vertx) {
    return new RouteTable(vertx, LOG).health(source::unavailable, metrics::scrape);
  }

  private void reads(RouteTable routes) {
    routes.route(HttpMethod.GET, "/explain").handler(this::explain);
    routes.route(HttpMethod.GET, "/inventory").handler(this::inventory);
  }

  private Answer filter(byte[] body) {
    ExtenderArgs args = args(body);
    Decided d = source.filter(KubeObjects.pod(args.pod()), args.nodeNames());
    return new Answer(
        AnswerEncoder.filterResult(args, d.decision().verdicts(), d.served()), d.decision());
  }

  private Answer prioritize(byte[] body) {
    ExtenderArgs args = args(body);
    Decided d = source.decide(KubeObjects.pod(args.pod()), args.nodeNames(), Purpose.PRIORITIZE);
    return new Answer(AnswerEncoder.priorities(d.decision().verdicts(), d.served()), d.decision());
  }

  /** Keeps the candidates where evicting the victims lets the pod get an IP. */
  private Answer preempt(byte[] body) {
    PreemptionArgs args = RequestDecoder.preemptionArgs(body, maxNames(source.served()));
    Decision d =
        source
            .decide(KubeObjects.pod(args.pod()), args.metaVictims().keySet(), Purpose.EXPLAIN)
            .decision();
    Map<String, String> kept = new LinkedHashMap<>();
    for (int i = 0; i < d.size(); i++) {
      if (Preemption.helps(d.verdict(i))) {
        kept.put(d.node(i), args.metaVictims().get(d.node(i)));
      }
    }
    return new Answer(Buffer.buffer(AnswerEncoder.preemptionResult(kept)), d);
  }

  /** The filter or prioritize request, its names numbered by the snapshot served now. */
  private ExtenderArgs args(byte[] body) {
    ServedSnapshot served = source.served();
    return RequestDecoder.filterArgs(body, served, maxNames(served));
  }

  private static int maxNames(ServedSnapshot served) {
    return RequestDecoder.maxNames(served.decider().nodeCount());
  }

  private interface Verb {
    Answer answer(byte[] body);
  }

  /** The wire bytes and the decision behind them (for metrics). */
  private record Answer(Buffer body, Decision decision) {}

  private void verb(RoutingContext ctx, String name, Verb verb) {
    if (unavailable(ctx)) {
      return;
    }
    long start = System.nanoTime();
    String requestId = RouteTable.requestId(ctx);
    Buffer body = ctx.body().buffer();
    Answer answer;
    try {
      answer = verb.answer(body == null ? null : body.getBytes());
    } catch (BadRequestException e) {
      metrics.badRequest(name);
      LOG.warn(
          "request={} verb={} status=400 error=\"{}\"",
          requestId,
          name,
          SafeText.of(e.getMessage()));
      replyError(ctx, 400, e.getMessage());
      return;
    }
    metrics.verdicts(name, answer.decision());
    long nanos = System.nanoTime() - start;
    metrics.requestTook(name, nanos);
    RejectionLog.log(requestId, name, answer.decision(), nanos);
    ctx.response().putHeader("Content-Type", RouteTable.JSON_TYPE).end(answer.body());
  }

  private void explain(RoutingContext ctx) {
    String ns;
    String name;
    String output;
    try {
      ns = ctx.request().getParam("namespace");
      name = ctx.request().getParam("pod");
      output = ctx.request().getParam("output", "json");
    } catch (IllegalArgumentException e) {
      replyError(ctx, 400, "malformed query string: " + e.getMessage());
      return;
    }
    if (name == null || name.isEmpty()) {
      replyError(ctx, 400, "query parameter pod is required (and namespace, default \"default\")");
      return;
    }
    if (!EXPLAIN_OUTPUTS.contains(output)) {
      replyError(ctx, 400, "query parameter output must be json, text or wide");
      return;
    }
    if (unavailable(ctx)) {
      return;
    }
    Decider decider = source.served().decider();
    PodView pod = decider.snapshot().pod(ns == null || ns.isEmpty() ? "default" : ns, name);
    if (pod == null) {
      replyError(
          ctx,
          404,
          "pod " + (ns == null ? "default" : ns) + "/" + name + " is not in the snapshot");
      return;
    }
    Decision d = decider.decideAll(pod);
    if (output.equals("json")) {
      reply(ctx, 200, encode(DecisionJson::decision, d));
    } else {
      ctx.response()
          .putHeader("Content-Type", "text/plain; charset=utf-8")
          .end(DecisionText.decision(d, output.equals("wide")));
    }
  }

  /** {@code json}: the decision's tree; {@code text} and {@code wide}: the CLI's tables. */
  private static final Set<String> EXPLAIN_OUTPUTS = Set.of("json", "text", "wide");

  /**
   * The cloud inventory the current snapshot decides with, shaped like a snapshot's cloud files
   * (DescribeVSwitches and DescribeInstanceTypes), so that a client can decide the same way.
   */
  private void inventory(RoutingContext ctx) {
    if (unavailable(ctx)) {
      return;
    }
    ClusterSnapshot s = source.served().decider().snapshot();
    reply(
        ctx,
        200,
        encode(
            snapshot ->
                CloudDocuments.inventory(
                    snapshot.vSwitches().values(), snapshot.instanceTypes().values()),
            s));
  }

  private static <T> String encode(Function<T, Object> toJson, T value) {
    try {
      return DecisionJson.JSON.writeValueAsString(toJson.apply(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Answers 503 with the reason when the source cannot decide now (not loaded, or not the leader).
   */
  private boolean unavailable(RoutingContext ctx) {
    String why = source.unavailable();
    if (why != null) {
      replyError(ctx, 503, why);
    }
    return why != null;
  }

  /** kube-scheduler discards a filter's non-200 body; an Error field at least reaches its log. */
  private static void internalError(RoutingContext ctx, String message) {
    if (ctx.request().path().endsWith("/filter")) {
      ctx.response()
          .setStatusCode(200)
          .putHeader("Content-Type", RouteTable.JSON_TYPE)
          .end(Buffer.buffer(AnswerEncoder.filterError(message)));
    } else {
      replyError(ctx, 500, message);
    }
  }
}
