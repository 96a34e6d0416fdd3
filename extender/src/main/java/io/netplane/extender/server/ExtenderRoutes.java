package io.netplane.extender.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.netplane.config.load.KubeObjects;
import io.netplane.config.model.PodView;
import io.netplane.config.rules.Decider;
import io.netplane.config.rules.Decision;
import io.netplane.config.rules.Preemption;
import io.netplane.config.rules.Purpose;
import io.netplane.extender.render.DecisionJson;
import io.netplane.extender.wire.BadRequestException;
import io.netplane.extender.wire.ExtenderArgs;
import io.netplane.extender.wire.PreemptionArgs;
import io.netplane.extender.wire.WireCodec;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extender's HTTP surface: {@code POST /filter}, {@code /prioritize}, {@code /preempt},
 * {@code GET /explain},
 * {@code /healthz}, {@code /readyz}. Handlers decode, call the core and encode; nothing else.
 */
public final class ExtenderRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ExtenderRoutes.class);
  private static final String JSON_TYPE = "application/json";
  private static final String REQUEST_ID = "X-Request-Id";
  private final java.util.concurrent.atomic.AtomicLong requestIds = new java.util.concurrent.atomic.AtomicLong();

  private final DeciderSource source;
  private final ExtenderMetrics metrics;

  public ExtenderRoutes(DeciderSource source, ExtenderMetrics metrics) {
    this.source = source;
    this.metrics = metrics;
  }

  public Router router(Vertx vertx, long maxBodyBytes) {
    Router router = Router.router(vertx);
    health(router);
    router.get("/explain").handler(this::explain);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
    router.post("/filter").handler(body).handler(ctx -> verb(ctx, "filter", this::filter));
    router.post("/prioritize").handler(body).handler(ctx -> verb(ctx, "prioritize", this::prioritize));
    router.post("/preempt").handler(body).handler(ctx -> verb(ctx, "preempt", this::preempt));
    router.route().last().handler(ctx -> replyError(ctx, 404, "no route for " + ctx.request().method() + " " + ctx.request().path()));
    router.route().failureHandler(this::failure);
    return router;
  }

  /**
   * Only {@code GET /healthz}, {@code /readyz} and {@code /metrics}: what kubelet probes and
   * Prometheus read, for a plain-HTTP listener next to a mutual-TLS one (whose handshake they
   * cannot complete). No decisions and no pod data are served there.
   */
  public Router healthRouter(Vertx vertx) {
    Router router = Router.router(vertx);
    health(router);
    router.route().last().handler(ctx -> replyError(ctx, 404, "no route for " + ctx.request().method() + " " + ctx.request().path()));
    router.route().failureHandler(this::failure);
    return router;
  }

  private void health(Router router) {
    router.get("/healthz").handler(ctx -> reply(ctx, 200, "{\"status\":\"ok\"}"));
    router.get("/readyz").handler(this::readyz);
    router.get("/metrics").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape()));
  }

  private Answer filter(byte[] body) {
    ExtenderArgs args = WireCodec.parseArgs(body, source.current());
    Decision d = source.decide(KubeObjects.pod(args.pod()), args.nodeNames(), Purpose.FILTER);
    source.assume(d);
    return new Answer(WireCodec.filterResult(args, d), d);
  }

  private Answer prioritize(byte[] body) {
    ExtenderArgs args = WireCodec.parseArgs(body, source.current());
    Decision d = source.decide(KubeObjects.pod(args.pod()), args.nodeNames(), Purpose.PRIORITIZE);
    return new Answer(WireCodec.priorities(d), d);
  }

  /** Keeps the candidates where evicting the victims lets the pod get an IP. */
  private Answer preempt(byte[] body) {
    PreemptionArgs args = WireCodec.parsePreemptionArgs(body);
    Decision d = source.decide(KubeObjects.pod(args.pod()), args.metaVictims().keySet(), Purpose.EXPLAIN);
    Map<String, JsonNode> kept = new LinkedHashMap<>();
    for (int i = 0; i < d.size(); i++) {
      if (Preemption.helps(d.verdict(i))) {
        kept.put(d.node(i), args.metaVictims().get(d.node(i)));
      }
    }
    return new Answer(Buffer.buffer(WireCodec.preemptionResult(kept)), d);
  }

  private interface Verb {
    Answer answer(byte[] body);
  }

  /** The wire bytes and the decision behind them (for metrics). */
  private record Answer(Buffer body, Decision decision) {}

  private void verb(RoutingContext ctx, String name, Verb verb) {
    if (!source.ready()) {
      replyError(ctx, 503, "not ready: cluster data not loaded yet");
      return;
    }
    long start = System.nanoTime();
    String requestId = requestId(ctx);
    Buffer body = ctx.body().buffer();
    Answer answer;
    try {
      answer = verb.answer(body == null ? null : body.getBytes());
    } catch (BadRequestException e) {
      metrics.badRequest(name);
      LOG.warn("request={} verb={} status=400 error=\"{}\"", requestId, name, e.getMessage());
      replyError(ctx, 400, e.getMessage());
      return;
    }
    metrics.verdicts(name, answer.decision());
    long nanos = System.nanoTime() - start;
    metrics.requestTook(name, nanos);
    RejectionLog.log(requestId, name, answer.decision(), nanos);
    ctx.response()
        .putHeader("Content-Type", JSON_TYPE)
        .putHeader(REQUEST_ID, requestId)
        .end(answer.body());
  }

  /** The caller's {@code X-Request-Id}, or a new one, so a log line can be matched to a call. */
  private String requestId(RoutingContext ctx) {
    String given = ctx.request().getHeader(REQUEST_ID);
    return given != null && !given.isEmpty() ? given : Long.toString(requestIds.incrementAndGet(), 36);
  }

  private void explain(RoutingContext ctx) {
    String ns = ctx.request().getParam("namespace");
    String name = ctx.request().getParam("pod");
    if (name == null || name.isEmpty()) {
      replyError(ctx, 400, "query parameter pod is required (and namespace, default \"default\")");
      return;
    }
    if (!source.ready()) {
      replyError(ctx, 503, "not ready: cluster data not loaded yet");
      return;
    }
    Decider decider = source.current();
    PodView pod = decider.snapshot().pod(ns == null || ns.isEmpty() ? "default" : ns, name);
    if (pod == null) {
      replyError(ctx, 404, "pod " + (ns == null ? "default" : ns) + "/" + name + " is not in the snapshot");
      return;
    }
    reply(ctx, 200, encode(DecisionJson::decision, decider.decideAll(pod)));
  }

  private static <T> String encode(Function<T, Object> toJson, T value) {
    try {
      return DecisionJson.JSON.writeValueAsString(toJson.apply(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void readyz(RoutingContext ctx) {
    if (source.ready()) {
      reply(ctx, 200, "{\"status\":\"ready\"}");
    } else {
      replyError(ctx, 503, "not ready: cluster data not loaded yet");
    }
  }

  private void failure(RoutingContext ctx) {
    int status = ctx.statusCode();
    if (status == 413) {
      replyError(ctx, 400, "request body too large");
    } else if (status >= 400 && status < 500) {
      replyError(ctx, status, "bad request");
    } else {
      LOG.error("request {} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
      String message = ctx.failure() == null ? "internal error" : "internal error: " + ctx.failure();
      if (ctx.request().path().endsWith("/filter")) {
        // kube-scheduler discards non-200 bodies; an Error field at least reaches its log
        ctx.response().setStatusCode(200).putHeader("Content-Type", JSON_TYPE).end(Buffer.buffer(WireCodec.filterError(message)));
      } else {
        replyError(ctx, 500, message);
      }
    }
  }

  private static void reply(RoutingContext ctx, int status, String json) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", JSON_TYPE).end(json);
  }

  private static void replyError(RoutingContext ctx, int status, String message) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", JSON_TYPE)
        .end(Buffer.buffer(WireCodec.error(message)));
  }
}
