package io.netplane.extender.render;

/**
 * Text from user documents made safe for an HTML page that a strict XML parser also accepts: markup
 * characters and both quotes are escaped, characters XML forbids (controls, unpaired surrogates,
 * U+FFFE/U+FFFF) become U+FFFD, and long values are cut, so a hostile name can neither add markup
 * nor make the page huge.
 */
final class Html {
  /** Longer than any Kubernetes object name (253). */
  static final int NAME_CHARS = 256;

  /** Room for a reason or finding message. */
  static final int MESSAGE_CHARS = 1000;

  private Html() {}

  /** {@code text} escaped for element content and attribute values, cut at {@link #NAME_CHARS}. */
  static String esc(Object text) {
    return esc(text, NAME_CHARS);
  }

  static String esc(Object value, int maxChars) {
    String text = String.valueOf(value);
    int end = Math.min(text.length(), maxChars);
    if (end < text.length() && end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    StringBuilder out = new StringBuilder(end + 16);
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (Character.isHighSurrogate(c)
              && i + 1 < end
              && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(++i));
          } else {
            out.append(allowedInXml(c) ? c : '\uFFFD');
          }
        }
      }
    }
    if (end < text.length()) {
      out.append("\u2026 (").append(text.length() - end).append(" more chars)");
    }
    return out.toString();
  }

  /**
   * Like {@link #esc(Object)}, cut to {@code maxChars} with an ellipsis: for a label in a picture.
   */
  static String label(String text, int maxChars) {
    if (text.length() <= maxChars) {
      return esc(text);
    }
    int end = maxChars - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return esc(text.substring(0, end)) + "\u2026";
  }

  /** XML 1.0's Char production for a single UTF-16 unit (surrogate pairs are handled above). */
  private static boolean allowedInXml(char c) {
    return c == '\t'
        || c == '\n'
        || c == '\r'
        || (c >= 0x20 && c < 0xD800)
        || (c >= 0xE000 && c <= 0xFFFD);
  }
}
