package io.netplane.extender.server;

/**
 * Text a client sent (node and pod names, request ids, parser messages quoting the body) made fit
 * for one log line or one error message: control characters, quotes, backslashes and unpaired
 * surrogates are escaped, so no value can start a forged log line or break a key="value" field, and
 * long values are cut, so a 15 MB name costs a few hundred bytes of log.
 */
public final class SafeText {
  /** Longer than any Kubernetes object name (253), short enough for a log line. */
  static final int MAX_CHARS = 256;

  private SafeText() {}

  public static String of(String text) {
    return of(text, MAX_CHARS);
  }

  public static String of(String text, int maxChars) {
    if (text == null) {
      return "null";
    }
    int end = Math.min(text.length(), maxChars);
    if (end < text.length() && end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    StringBuilder out = null;
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      String escaped = escape(text, i, c);
      if (escaped != null && out == null) {
        out = new StringBuilder(end + 16).append(text, 0, i);
      }
      if (out != null) {
        if (escaped != null) {
          out.append(escaped);
        } else {
          out.append(c);
        }
      }
    }
    String kept = out != null ? out.toString() : text.substring(0, end);
    return end < text.length() ? kept + "...(" + (text.length() - end) + " more chars)" : kept;
  }

  /** The escape for {@code c} at {@code i}, or null when it can be written as it is. */
  private static String escape(String text, int i, char c) {
    switch (c) {
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      case '"':
        return "\\\"";
      case '\\':
        return "\\\\";
      default:
        break;
    }
    boolean control = c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029';
    boolean lone =
        Character.isHighSurrogate(c)
            ? i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))
            : Character.isLowSurrogate(c)
                && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
    return control || lone ? String.format("\\u%04x", (int) c) : null;
  }
}
