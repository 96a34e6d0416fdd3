package io.netplane.extender.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.impl.ConnectionBase;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces {@link ConnectionLimits} on one listening port, across all its event loops: the
 * connection cap, and the header and body deadlines Vert.x has no option for (its idle timeout is
 * reset by every byte, so a client trickling one byte a second would never meet it).
 *
 * <p>The deadlines watch the connection's Netty pipeline, which Vert.x exposes only through its
 * internal {@code ConnectionBase}: raw bytes before the HTTP decoder mark the start of a request,
 * decoded messages after it mark the end of its headers and body, and the last part of the response
 * marks the connection idle again. HTTP/2 is off on both ports, so every connection is an HTTP/1.x
 * one with these handlers.
 */
final class ConnectionGuard {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
  private final String listener;
  private final ConnectionLimits limits;
  private final ExtenderMetrics metrics;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicBoolean refusing = new AtomicBoolean();

  /**
   * @param listener names the port in logs and metrics: {@code extender} or {@code health}
   */
  ConnectionGuard(String listener, ConnectionLimits limits, ExtenderMetrics metrics) {
    this.listener = listener;
    this.limits = limits;
    this.metrics = metrics;
    metrics.openConnections(listener, open);
  }

  /**
   * Server options both ports share: HTTP/1.1 only (kube-scheduler never speaks h2c), no
   * compression, the idle timeout.
   */
  HttpServerOptions httpOptions() {
    return new HttpServerOptions()
        .setCompressionSupported(false)
        .setHttp2ClearTextEnabled(false)
        .setIdleTimeout(Math.toIntExact(limits.idleTimeout().toMillis()))
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
  }

  /**
   * The server's connection handler: refuses the connection over the cap, else arms its deadlines.
   */
  void accept(HttpConnection connection) {
    Channel channel = ((ConnectionBase) connection).channel();
    if (open.incrementAndGet() > limits.maxConnections()) {
      open.decrementAndGet();
      metrics.refusedConnection(listener);
      if (refusing.compareAndSet(false, true)) {
        LOG.warn(
            "{} port: {} connections open, the most allowed; closing new ones until some end",
            listener,
            limits.maxConnections());
      }
      channel.close();
      return;
    }
    Deadlines deadlines = new Deadlines(channel);
    channel
        .closeFuture()
        .addListener(
            closed -> {
              deadlines.disarm();
              if (open.decrementAndGet() < limits.maxConnections()) {
                refusing.set(false);
              }
            });
    channel.pipeline().addBefore("httpDecoder", "netplaneRequestStart", deadlines.requestStart);
    channel.pipeline().addAfter("httpEncoder", "netplaneRequestParts", deadlines.requestParts);
    deadlines.arm(limits.headerTimeout(), "request headers");
  }

  /** One connection's request deadline; only its event loop touches it. */
  private final class Deadlines {
    private final Channel channel;
    private boolean idle;
    private boolean answering;
    private ScheduledFuture<?> timer;

    Deadlines(Channel channel) {
      this.channel = channel;
    }

    /** The first bytes after an answer start the next request's header deadline. */
    final ChannelInboundHandlerAdapter requestStart =
        new ChannelInboundHandlerAdapter() {
          @Override
          public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (idle) {
              idle = false;
              arm(limits.headerTimeout(), "request headers");
            }
            ctx.fireChannelRead(msg);
          }
        };

    final ChannelDuplexHandler requestParts =
        new ChannelDuplexHandler() {
          @Override
          public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
              arm(limits.bodyTimeout(), "request body");
            }
            if (msg instanceof LastHttpContent) {
              disarm();
              answering = true;
            }
            ctx.fireChannelRead(msg);
          }

          @Override
          public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof LastHttpContent && answering) {
              answering = false;
              idle = true;
            }
            ctx.write(msg, promise);
          }
        };

    void arm(Duration timeout, String what) {
      disarm();
      timer =
          channel
              .eventLoop()
              .schedule(
                  () -> {
                    LOG.debug(
                        "{} port: closing the connection from {}: {} not received within {}",
                        listener,
                        channel.remoteAddress(),
                        what,
                        timeout);
                    channel.close();
                  },
                  timeout.toMillis(),
                  TimeUnit.MILLISECONDS);
    }

    void disarm() {
      if (timer != null) {
        timer.cancel(false);
        timer = null;
      }
    }
  }
}
