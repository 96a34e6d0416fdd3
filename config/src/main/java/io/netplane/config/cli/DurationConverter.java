package io.netplane.config.cli;

import io.netplane.config.kube.GoDuration;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations as Kubernetes writes them ({@code 500ms}, {@code 30s}, {@code 1h30m}), or ISO-8601
 * ({@code PT5M}), which earlier releases required. Negative durations are refused.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    String text = value.trim();
    Duration d = GoDuration.parse(text);
    if (d == null) {
      try {
        d = Duration.parse(text);
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(
            "'" + value + "' is not a duration (e.g. 500ms, 30s, 5m, 1h30m)");
      }
    }
    if (d.isNegative()) {
      throw new TypeConversionException("'" + value + "' is negative");
    }
    return d;
  }

  /**
   * Go's spelling of a duration ({@code 1h30m}, {@code 50ms}), as defaults and messages show it.
   */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    long hours = d.toHours();
    int minutes = d.toMinutesPart();
    int seconds = d.toSecondsPart();
    int millis = d.toMillisPart();
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (minutes > 0) {
      out.append(minutes).append('m');
    }
    if (seconds > 0) {
      out.append(seconds).append('s');
    }
    if (millis > 0) {
      out.append(millis).append("ms");
    }
    return out.length() > 0 ? out.toString() : d.toNanos() + "ns";
  }
}
