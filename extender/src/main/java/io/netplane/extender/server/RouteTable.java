package io.netplane.extender.server;

import io.netplane.extender.wire.AnswerEncoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A router built the same way on every listener (the extender's ports, the webhook's): each request
 * gets an id and has its path checked before any route sees it; routes are declared with their
 * method, so another method gets 405 with {@code Allow} and an unknown path 404; what the router
 * refuses or a handler throws is answered with one JSON line, and a failure is logged once, by the
 * owner's logger, with its cause.
 */
public final class RouteTable {
  private static final Logger LOG = LoggerFactory.getLogger(RouteTable.class);
  static final String JSON_TYPE = "application/json";
  private static final String REQUEST_ID = "X-Request-Id";

  /**
   * Shared by every event loop's routes; the random prefix tells this process's ids from another
   * replica's.
   */
  private static final AtomicLong REQUEST_COUNT = new AtomicLong();

  private static final String REQUEST_ID_PREFIX =
      Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36) + "-";
  private static final int MAX_GIVEN_REQUEST_ID = 64;

  /** Error reasons are one line of at most this many characters, whatever the request quoted. */
  private static final int MAX_REASON_CHARS = 512;

  private final Router router;
  private final Logger log;
  private final Map<String, HttpMethod> methods = new HashMap<>();

  /**
   * @param log the logger of the surface the routes make up
   */
  public RouteTable(Vertx vertx, Logger log) {
    this.router = Router.router(vertx);
    this.log = log;
    router.route().handler(RouteTable::tagRequest);
  }

  /** Declares a route; a call of its path with another method gets 405, not 404. */
  public Route route(HttpMethod method, String path) {
    methods.put(path, method);
    return router.route(method, path);
  }

  /**
   * {@code GET /healthz}, {@code /readyz} (503 with {@code notReady}'s reason, when it gives one)
   * and {@code /metrics} ({@code scrape}'s text).
   */
  public RouteTable health(Supplier<String> notReady, Supplier<String> scrape) {
    route(HttpMethod.GET, "/healthz").handler(ctx -> reply(ctx, 200, "{\"status\":\"ok\"}"));
    route(HttpMethod.GET, "/readyz")
        .handler(
            ctx -> {
              String why = notReady.get();
              if (why != null) {
                replyError(ctx, 503, why);
              } else {
                reply(ctx, 200, "{\"status\":\"ready\"}");
              }
            });
    route(HttpMethod.GET, "/metrics")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(scrape.get()));
    return this;
  }

  /** The router, a handler's failure answered 500 with a message naming the request. */
  public Router router() {
    return router((ctx, message) -> replyError(ctx, 500, message));
  }

  /**
   * The router, with 404 and 405 for the calls no route takes; a handler's failure is logged and
   * answered by {@code internalError} with a message naming the request but not the cause (it may
   * quote the request or the snapshot).
   */
  public Router router(BiConsumer<RoutingContext, String> internalError) {
    router
        .route()
        .last()
        .handler(
            ctx -> {
              HttpMethod allowed = methods.get(ctx.request().path());
              if (allowed == null) {
                replyError(
                    ctx,
                    404,
                    "no route for " + ctx.request().method() + " " + ctx.request().path());
              } else {
                ctx.response().putHeader("Allow", allowed.name());
                replyError(ctx, 405, ctx.request().path() + " only answers " + allowed.name());
              }
            });
    router.route().failureHandler(ctx -> failure(ctx, internalError));
    return router;
  }

  private void failure(RoutingContext ctx, BiConsumer<RoutingContext, String> internalError) {
    int status = ctx.statusCode();
    if (status == 413) {
      replyError(ctx, 400, "request body too large");
    } else if (status >= 400 && status < 500) {
      replyError(ctx, status, "bad request");
    } else if (ctx.response().closed()) {
      // the client hung up (mid-body, say): nobody to answer, nothing wrong here
      log.debug("request={} client went away: {}", requestId(ctx), String.valueOf(ctx.failure()));
    } else {
      String id = requestId(ctx);
      log.error(
          "request={} {} {} failed",
          id,
          ctx.request().method(),
          SafeText.of(ctx.request().path()),
          ctx.failure());
      internalError.accept(ctx, "internal error (request " + id + ")");
    }
  }

  /**
   * Answers what the HTTP decoder could not parse (request line, headers, their length) before any
   * route sees it: the status says which, a one-line reason why, and the connection is closed as
   * nothing after it can be trusted to be framed right.
   */
  static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status =
        cause instanceof TooLongHttpLineException
            ? 414
            : cause instanceof TooLongHttpHeaderException ? 431 : 400;
    String reason =
        "malformed HTTP request: "
            + (cause == null || cause.getMessage() == null ? "not parseable" : cause.getMessage());
    LOG.debug("status={} {}", status, SafeText.of(reason));
    request
        .response()
        .setStatusCode(status)
        .putHeader("Content-Type", JSON_TYPE)
        .putHeader("Connection", "close")
        .end(Buffer.buffer(AnswerEncoder.error(SafeText.of(reason, MAX_REASON_CHARS))));
  }

  /**
   * Gives every request an id before anything can fail, so that each answer and log line names it,
   * and refuses a path the router cannot decode (it would throw while matching the next route): the
   * first handler of every router.
   */
  public static void tagRequest(RoutingContext ctx) {
    String given = ctx.request().getHeader(REQUEST_ID);
    String id =
        given != null && !given.isEmpty()
            ? SafeText.of(given, MAX_GIVEN_REQUEST_ID)
            : REQUEST_ID_PREFIX + Long.toString(REQUEST_COUNT.incrementAndGet(), 36);
    ctx.put(REQUEST_ID, id);
    ctx.response().putHeader(REQUEST_ID, id);
    try {
      ctx.normalizedPath();
    } catch (IllegalArgumentException e) {
      replyError(ctx, 400, "malformed path: " + e.getMessage());
      return;
    }
    ctx.next();
  }

  /** The request's id, or "-" before it has one. */
  public static String requestId(RoutingContext ctx) {
    String id = ctx.get(REQUEST_ID);
    return id != null ? id : "-";
  }

  /** Answers {@code json} with {@code status}. */
  public static void reply(RoutingContext ctx, int status, String json) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", JSON_TYPE).end(json);
  }

  /**
   * Answers {@code {"error": message}}, the message made one short line, unless already answered.
   */
  public static void replyError(RoutingContext ctx, int status, String message) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", JSON_TYPE)
        .end(Buffer.buffer(AnswerEncoder.error(SafeText.of(message, MAX_REASON_CHARS))));
  }
}
