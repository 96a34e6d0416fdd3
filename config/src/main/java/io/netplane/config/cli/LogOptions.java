package io.netplane.config.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code --log-level} and {@code --log-format}, inherited by every subcommand. They change the root
 * logger that both programs' {@code logback.xml} set up (INFO, text on stderr) as soon as they are
 * parsed, so loggers created before that follow too.
 */
public final class LogOptions {
  /** How log lines are written to stderr. */
  public enum Format {
    /** One readable line per event (logback.xml's pattern). */
    TEXT,
    /** One JSON object per line (logback's JsonEncoder), for log collectors. */
    JSON
  }

  /** The levels a user can choose. */
  public enum LogLevel {
    ERROR,
    WARN,
    INFO,
    DEBUG,
    TRACE
  }

  @Option(
      names = "--log-level",
      defaultValue = "info",
      paramLabel = "LEVEL",
      scope = ScopeType.INHERIT,
      description = "error, warn, info, debug or trace. Default: ${DEFAULT-VALUE}.")
  void level(LogLevel level) {
    Logger root = root();
    if (root != null) {
      root.setLevel(Level.toLevel(level.name()));
    }
  }

  @Option(
      names = "--log-format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      scope = ScopeType.INHERIT,
      description = "text or json (one JSON object per line). Default: ${DEFAULT-VALUE}.")
  void format(Format format) {
    Logger root = root();
    if (root == null || format == Format.TEXT) {
      return;
    }
    LoggerContext context = root.getLoggerContext();
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.setWithContext(false);
    encoder.setWithThreadName(false);
    encoder.setWithMessage(false);
    encoder.setWithArguments(false);
    encoder.setWithFormattedMessage(true);
    encoder.start();
    ConsoleAppender<ILoggingEvent> json = new ConsoleAppender<>();
    json.setContext(context);
    json.setName("json");
    json.setTarget("System.err");
    json.setEncoder(encoder);
    json.start();
    root.detachAndStopAllAppenders();
    root.addAppender(json);
  }

  /** The root logger, or null when slf4j is not bound to logback (e.g. in a library's tests). */
  private static Logger root() {
    return LoggerFactory.getILoggerFactory() instanceof LoggerContext context
        ? context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
        : null;
  }
}
