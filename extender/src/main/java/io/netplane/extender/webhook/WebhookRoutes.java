package io.netplane.extender.webhook;

import static io.netplane.extender.server.RouteTable.replyError;

import io.netplane.extender.server.RouteTable;
import io.netplane.extender.server.SafeText;
import io.netplane.extender.webhook.AdmissionReviewCodec.Request;
import io.netplane.extender.webhook.SchedulerAssignment.Outcome;
import io.netplane.extender.wire.BadRequestException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admission webhook's HTTP surface: {@code POST /mutate} on its HTTPS port, and {@code GET
 * /healthz}, {@code /readyz} and {@code /metrics} on its plain-HTTP health port. It never refuses a
 * pod: a review is always answered {@code allowed}; a body that is no review gets HTTP 400, and
 * then the API server applies the webhook's failure policy ({@code Ignore} in the chart).
 */
public final class WebhookRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookRoutes.class);
  private static final String JSON_TYPE = "application/json";

  private final String schedulerName;
  private final WebhookMetrics metrics;

  /**
   * @param schedulerName the scheduler assigned to pods left to the default one
   */
  public WebhookRoutes(String schedulerName, WebhookMetrics metrics) {
    this.schedulerName = schedulerName;
    this.metrics = metrics;
  }

  public Router router(Vertx vertx, long maxBodyBytes) {
    Router router = Router.router(vertx);
    router.route().handler(RouteTable::tagRequest);
    router
        .post("/mutate")
        .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
        .handler(this::mutate);
    return withErrors(router, maxBodyBytes);
  }

  /**
   * Health and metrics only. The webhook needs no data to answer, so it is ready as soon as it
   * serves: {@link WebhookServer#start} starts this port after the HTTPS one.
   */
  public Router healthRouter(Vertx vertx) {
    return new RouteTable(vertx, LOG).health(() -> null, metrics.base()::scrape).router();
  }

  private void mutate(RoutingContext ctx) {
    long start = System.nanoTime();
    Buffer body = ctx.body().buffer();
    Request request;
    try {
      request = AdmissionReviewCodec.parse(body == null ? null : body.getBytes());
    } catch (BadRequestException e) {
      metrics.badRequest();
      LOG.warn(
          "POST /mutate from {}: status=400 error=\"{}\"",
          ctx.request().remoteAddress(),
          SafeText.of(e.getMessage()));
      replyError(ctx, 400, e.getMessage());
      return;
    }
    Outcome outcome =
        SchedulerAssignment.decide(
            request.podCreation(), request.hasSpec(), request.schedulerName(), schedulerName);
    byte[] answer = AdmissionReviewCodec.response(request, outcome, schedulerName);
    metrics.reviewed(outcome, System.nanoTime() - start);
    LOG.debug(
        "uid={} namespace={} pod={} schedulerName={} outcome={}",
        SafeText.of(request.uid()),
        SafeText.of(request.namespace()),
        SafeText.of(request.pod()),
        SafeText.of(request.schedulerName()),
        outcome.label);
    ctx.response().putHeader("Content-Type", JSON_TYPE).end(Buffer.buffer(answer));
  }

  /**
   * JSON bodies for what the router itself refuses (paths it cannot decode are refused by {@link
   * RouteTable#tagRequest} before); a body over the limit is a 400, not a 413.
   */
  private static Router withErrors(Router router, long maxBodyBytes) {
    router.errorHandler(
        413, ctx -> replyError(ctx, 400, "request body over " + maxBodyBytes + " bytes"));
    router.errorHandler(
        404,
        ctx ->
            replyError(
                ctx, 404, "no route for " + ctx.request().method() + " " + ctx.request().path()));
    router.errorHandler(
        405,
        ctx ->
            replyError(
                ctx,
                405,
                "method " + ctx.request().method() + " not allowed on " + ctx.request().path()));
    router.errorHandler(400, ctx -> replyError(ctx, 400, "bad request"));
    router.errorHandler(
        500,
        ctx -> {
          if (ctx.response().closed()) {
            // the client hung up mid-body: nobody to answer, nothing wrong here
            LOG.debug("client went away: {}", String.valueOf(ctx.failure()));
            return;
          }
          LOG.error(
              "{} {} failed",
              ctx.request().method(),
              SafeText.of(ctx.request().path()),
              ctx.failure());
          replyError(ctx, 500, "internal error");
        });
    return router;
  }
}
