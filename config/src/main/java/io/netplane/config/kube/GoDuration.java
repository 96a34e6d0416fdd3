package io.netplane.config.kube;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Go's {@code time.ParseDuration} syntax: an optional sign, then one or more decimal numbers
 * with a unit ({@code "1h30m"}, {@code "5m0s"}, {@code ".5s"}, {@code "300ms"}).
 */
public final class GoDuration {
  private static final Pattern PART =
      Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)");

  private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

  private GoDuration() {}

  /** Null when the text is not a Go duration. */
  public static Duration parse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    boolean negative = text.charAt(0) == '-';
    String body = negative || text.charAt(0) == '+' ? text.substring(1) : text;
    if (body.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = PART.matcher(body);
    int pos = 0;
    BigDecimal nanos = BigDecimal.ZERO;
    while (pos < body.length() && m.find(pos) && m.start() == pos) {
      nanos =
          nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
      pos = m.end();
    }
    // Go rejects what does not fit in int64 nanoseconds
    if (pos == 0 || pos != body.length() || nanos.compareTo(MAX_NANOS) > 0) {
      return null;
    }
    Duration d = Duration.ofNanos(nanos.longValue());
    return negative ? d.negated() : d;
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "\u00b5s", "\u03bcs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      default -> 3_600_000_000_000L;
    };
  }
}
