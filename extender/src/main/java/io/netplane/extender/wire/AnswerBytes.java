package io.netplane.extender.wire;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.charset.StandardCharsets;

/**
 * An answer's bytes, of a size known up front: one array filled by copies of pieces encoded once
 * (node names, messages), handed to Vert.x without another copy.
 */
final class AnswerBytes {
  private final byte[] bytes;
  private int filled;

  AnswerBytes(int size) {
    bytes = new byte[size];
  }

  /** Copies {@code b} to {@code at}; returns the position after it. */
  int put(int at, byte[] b) {
    System.arraycopy(b, 0, bytes, at, b.length);
    filled += b.length;
    return at + b.length;
  }

  /**
   * Copies {@code length} bytes of {@code b} from {@code offset} to {@code at}; returns the
   * position after them.
   */
  int put(int at, byte[] b, int offset, int length) {
    System.arraycopy(b, offset, bytes, at, length);
    filled += length;
    return at + length;
  }

  /** Writes {@code b} at {@code at}; returns the position after it. */
  int put(int at, byte b) {
    bytes[at] = b;
    filled++;
    return at + 1;
  }

  /** The filled bytes; a wrong size up front is a bug, not a short answer. */
  Buffer buffer() {
    if (filled != bytes.length) {
      throw new IllegalStateException("answer of " + filled + " bytes, sized for " + bytes.length);
    }
    return BufferInternal.buffer(Unpooled.wrappedBuffer(bytes));
  }

  /** The string as a quoted JSON string in UTF-8; printable ASCII, as node names are, is copied. */
  static byte[] quoted(String s) {
    int n = s.length();
    byte[] out = new byte[n + 2];
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return escaped(s);
      }
      out[i + 1] = (byte) c;
    }
    out[0] = '"';
    out[n + 1] = '"';
    return out;
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] escaped(String s) {
    byte[] body = JsonStringEncoder.getInstance().quoteAsUTF8(wellFormed(s));
    byte[] out = new byte[body.length + 2];
    System.arraycopy(body, 0, out, 1, body.length);
    out[0] = '"';
    out[out.length - 1] = '"';
    return out;
  }

  /**
   * The string with each lone surrogate (which a JSON escape can make) replaced by U+FFFD, as Go's
   * decoder does: UTF-8 has no encoding for it.
   */
  static String wellFormed(String s) {
    StringBuilder out = null;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (!Character.isSurrogate(c)) {
        continue;
      }
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
        continue;
      }
      if (out == null) {
        out = new StringBuilder(s);
      }
      out.setCharAt(i, '\uFFFD');
    }
    return out == null ? s : out.toString();
  }

  /** Line breaks and other control characters as spaces, at most 200 characters, well-formed. */
  static String oneLine(String text) {
    String s = text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "..." : text;
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.append(Character.isISOControl(c) ? ' ' : c);
    }
    return wellFormed(out.toString());
  }
}
