package io.netplane.config.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why a node was rejected (or a note on a fit). {@code detail} holds the numbers: vSwitch ids,
 * zones, free IPs, slots; it keeps insertion order so output reads naturally. The message says it
 * all (explain, simulate); {@link #brief()} is the short line kube-scheduler gets for each node.
 */
public record Reason(ReasonId id, String message, Map<String, Object> detail) {

  /** Names netplane in kube-scheduler's event, among other plugins' reasons. */
  static final String BRIEF_PREFIX = "netplane: ";

  /**
   * Longest fact shown whole: room for the names clusters give their objects, with a namespace; a
   * longer one (an annotation can name anything) is cut.
   */
  static final int FACT_MAX = 128;

  public Reason {
    detail = Collections.unmodifiableMap(new LinkedHashMap<>(detail));
  }

  /**
   * {@code netplane: <Id>} and the {@linkplain ReasonId#facts() facts} that tell groups of nodes
   * apart, as {@code key=value}: kube-scheduler counts identical lines together in its event ("4470
   * netplane: VSwitchesExhausted zone=... network=..."), which it cuts at 1024 bytes, and sends
   * this line for every rejected node. So no node's name or own counts, and a bounded length.
   */
  public String brief() {
    StringBuilder sb = new StringBuilder(BRIEF_PREFIX).append(id.id());
    for (String key : id.facts()) {
      Object value = detail.get(key);
      if (value != null) {
        appendFact(sb.append(' ').append(key).append('='), String.valueOf(value));
      }
    }
    return sb.toString();
  }

  /** The value as is when it is a plain name, else quoted, with '?' for quotes and controls. */
  private static void appendFact(StringBuilder sb, String value) {
    String shown = value;
    if (value.length() > FACT_MAX) {
      int end = FACT_MAX - 3;
      end -= Character.isHighSurrogate(value.charAt(end - 1)) ? 1 : 0;
      shown = value.substring(0, end) + "...";
    }
    if (!shown.isEmpty() && shown.chars().allMatch(Reason::plain)) {
      sb.append(shown);
      return;
    }
    sb.append('"');
    for (int i = 0; i < shown.length(); i++) {
      char c = shown.charAt(i);
      sb.append(c == '"' || c == '\\' || Character.isISOControl(c) ? '?' : c);
    }
    sb.append('"');
  }

  private static boolean plain(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '/'
        || c == ':';
  }

  public static Reason of(ReasonId id, String message) {
    return new Reason(id, message, Map.of());
  }

  public static Builder builder(ReasonId id) {
    return new Builder(id);
  }

  /** Collects detail entries in order. */
  public static final class Builder {
    private final ReasonId id;
    private final Map<String, Object> detail = new LinkedHashMap<>();

    private Builder(ReasonId id) {
      this.id = id;
    }

    public Builder with(String key, Object value) {
      detail.put(key, value);
      return this;
    }

    public Reason message(String message) {
      return new Reason(id, message, detail);
    }
  }
}
