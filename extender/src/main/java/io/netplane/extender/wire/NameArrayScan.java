package io.netplane.extender.wire;

import io.netplane.config.rules.NumberedNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One pass over a {@code NodeNames} array in a request's bytes: checks the array's JSON syntax
 * while it reads each plain ASCII name and resolves it through the snapshot's {@link
 * NodeNameTable}, with neither a String per known name nor, when {@code NodeNames} ends the object
 * as kube-scheduler sends it, a second pass by the parser. A string with an escape, a control
 * character or a byte beyond ASCII is handed to a {@link Decoding}.
 *
 * <p>The scan stops at the first thing it does not accept: a syntax error, an unterminated string,
 * a value other than a string, or a name beyond the limit. The caller then has the parser check the
 * array, so that malformed JSON is reported where and as the parser reports it anywhere else.
 */
final class NameArrayScan {
  /** {@link #read} met a syntax error or a value other than a string. */
  static final int NOT_ACCEPTED = -1;

  /** {@link #read} met a string when the list already held the most names a request may carry. */
  static final int FULL = -2;

  /** Decodes the JSON string from {@code quote} to {@code close}, both quotes included. */
  interface Decoding {
    String decode(int quote, int close) throws IOException;
  }

  private final byte[] body;
  private final NodeNameTable table;
  private final int maxNames;
  private final Decoding decoding;

  /** {@code table}: the served snapshot's names, which number what {@link #read} adds. */
  NameArrayScan(byte[] body, NodeNameTable table, int maxNames, Decoding decoding) {
    this.body = body;
    this.table = table;
    this.maxNames = maxNames;
    this.decoding = decoding;
  }

  /**
   * Adds the strings of the array that opens at {@code open} to {@code out} (a {@link
   * NumberedNames} of the table's snapshot); returns where the array ends (past its {@code ]}), or
   * {@link #NOT_ACCEPTED} or {@link #FULL}. Throws what the decoding throws.
   */
  int read(int open, List<String> out) throws IOException {
    byte[] bytes = body;
    int i = whitespace(open + 1);
    if (i < bytes.length && bytes[i] == ']') {
      return i + 1;
    }
    while (true) {
      if (i >= bytes.length || bytes[i] != '"') {
        return NOT_ACCEPTED;
      }
      if (out.size() == maxNames) {
        return FULL;
      }
      i = string(i + 1, out);
      if (i < 0) {
        return NOT_ACCEPTED;
      }
      i = whitespace(i);
      if (i >= bytes.length) {
        return NOT_ACCEPTED;
      }
      if (bytes[i] == ']') {
        return i + 1;
      }
      if (bytes[i] != ',') {
        return NOT_ACCEPTED;
      }
      i = whitespace(i + 1);
    }
  }

  /** The first offset from {@code i} on that is not JSON whitespace (or the body's length). */
  int whitespace(int i) {
    byte[] bytes = body;
    while (i < bytes.length) {
      byte b = bytes[i];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return i;
      }
      i++;
    }
    return i;
  }

  /**
   * Adds the string whose characters start at {@code start}; returns where its closing quote ends,
   * or {@link #NOT_ACCEPTED} when it has none.
   */
  private int string(int start, List<String> out) throws IOException {
    byte[] bytes = body;
    int hash = 0;
    for (int i = start; i < bytes.length; i++) {
      byte b = bytes[i];
      if (b == '"') {
        int slot = table.find(bytes, start, i - start, hash);
        if (slot >= 0) {
          ((NumberedNames) out).addNode(slot);
        } else {
          out.add(new String(bytes, start, i - start, StandardCharsets.US_ASCII));
        }
        return i + 1;
      }
      // an escape, a control character or a byte of a multi-byte character (negative)
      if (b == '\\' || b < 0x20) {
        return decoded(start - 1, out);
      }
      hash = NodeNameTable.step(hash, b);
    }
    return NOT_ACCEPTED;
  }

  /** Adds the string that opens at {@code quote}, decoded; returns where it ends. */
  private int decoded(int quote, List<String> out) throws IOException {
    byte[] bytes = body;
    for (int close = quote + 1; close < bytes.length; close++) {
      if (bytes[close] == '\\') {
        close++;
      } else if (bytes[close] == '"') {
        out.add(decoding.decode(quote, close));
        return close + 1;
      }
    }
    return NOT_ACCEPTED;
  }
}
