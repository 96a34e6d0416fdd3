package io.netplane.extender.wire;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netplane.config.rules.Code;
import io.netplane.config.rules.NodeVerdicts;
import io.netplane.config.rules.Verdict;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Writes the answers of {@code k8s.io/kube-scheduler/extender/v1}: struct fields without json tags,
 * so PascalCase keys go out, as Go's encoder writes them.
 */
public final class AnswerEncoder {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = JSON.getFactory();
  private static final byte[] HOST = AnswerBytes.ascii("{\"Host\":");
  private static final byte[] NAMES_HEAD = AnswerBytes.ascii("{\"Nodes\":null,\"NodeNames\":[");
  private static final byte[] NAMES_MIDDLE = AnswerBytes.ascii("],\"FailedNodes\":{");
  private static final byte[] NODES_HEAD =
      AnswerBytes.ascii(
          "{\"Nodes\":{\"apiVersion\":\"v1\",\"kind\":\"NodeList\",\"metadata\":{},\"items\":[");
  private static final byte[] NODES_MIDDLE =
      AnswerBytes.ascii("]},\"NodeNames\":null,\"FailedNodes\":{");
  private static final byte[] UNRESOLVABLE =
      AnswerBytes.ascii("},\"FailedAndUnresolvableNodes\":{");
  private static final byte[] TAIL = AnswerBytes.ascii("},\"Error\":\"\"}");
  private static final byte[][] SCORES = new byte[11][];
  private static final int FIT = Code.FIT.ordinal();
  // one section of a filter answer per code
  private static final int SECTIONS = Code.values().length;

  static {
    for (int score = 0; score <= 10; score++) {
      SCORES[score] = AnswerBytes.ascii(",\"Score\":" + score + "}");
    }
  }

  private AnswerEncoder() {}

  /** {@code ExtenderPreemptionResult}: the kept candidates with their victims as they were sent. */
  public static byte[] preemptionResult(Map<String, String> kept) {
    return write(
        g -> {
          g.writeStartObject();
          g.writeObjectFieldStart("NodeNameToMetaVictims");
          for (Map.Entry<String, String> e : kept.entrySet()) {
            g.writeFieldName(e.getKey());
            g.writeRawValue(e.getValue());
          }
          g.writeEndObject();
          g.writeEndObject();
        });
  }

  /**
   * {@code ExtenderFilterResult}. Every node of the request is either passed or listed with its
   * reasons: UNSCHEDULABLE in {@code FailedNodes}, UNRESOLVABLE in {@code
   * FailedAndUnresolvableNodes}. A verdict numbered by the served snapshot gets its node's name as
   * the snapshot encoded it; one numbered by none (slot -1) is encoded here.
   *
   * <p>Written byte by byte rather than through a JSON generator: an answer is thousands of names
   * that the snapshot has encoded once, and a handful of distinct messages encoded once here.
   */
  public static Buffer filterResult(
      ExtenderArgs args, NodeVerdicts verdicts, ServedSnapshot numberedBy) {
    int n = verdicts.size();
    byte[][] names = new byte[n][];
    byte[][] values = new byte[n][];
    int[] codes = new int[n];
    // per code: the bytes of its section (NodeNames or Nodes.items, FailedNodes,
    // FailedAndUnresolvableNodes) and how many nodes it lists
    int[] sectionBytes = new int[SECTIONS];
    int[] sectionNodes = new int[SECTIONS];
    Messages messages = new Messages();
    boolean nodesMode = args.nodesMode();
    for (int i = 0; i < n; i++) {
      int slot = verdicts.slot(i);
      names[i] = slot >= 0 ? numberedBy.quotedName(slot) : AnswerBytes.quoted(verdicts.node(i));
      Verdict v = verdicts.verdict(i);
      int code = v.code().ordinal();
      codes[i] = code;
      if (v.fits()) {
        values[i] = nodesMode ? nodeItem(args.nodeItems(), i) : names[i];
        sectionBytes[code] += values[i].length;
      } else {
        values[i] = messages.of(v);
        sectionBytes[code] += names[i].length + values[i].length;
      }
      sectionNodes[code]++;
    }
    // what precedes each section, in the order of the codes: FIT, UNSCHEDULABLE, UNRESOLVABLE
    byte[][] separators = {
      nodesMode ? NODES_HEAD : NAMES_HEAD, nodesMode ? NODES_MIDDLE : NAMES_MIDDLE, UNRESOLVABLE
    };
    // The layout is known up front: each node is copied straight into its section, in one pass.
    int[] cursor = new int[sectionBytes.length];
    int size = 0;
    for (int code = 0; code < sectionBytes.length; code++) {
      size += separators[code].length;
      cursor[code] = size;
      size += sectionBytes[code] + Math.max(0, sectionNodes[code] - 1);
    }
    size += TAIL.length;
    AnswerBytes out = new AnswerBytes(size);
    for (int code = 0; code < sectionBytes.length; code++) {
      out.put(cursor[code] - separators[code].length, separators[code]);
    }
    out.put(size - TAIL.length, TAIL);
    int[] start = cursor.clone();
    for (int i = 0; i < n; i++) {
      int code = codes[i];
      int at = cursor[code];
      if (at != start[code]) {
        at = out.put(at, (byte) ',');
      }
      if (code != FIT) {
        at = out.put(at, names[i]);
      }
      cursor[code] = out.put(at, values[i]);
    }
    return out.buffer();
  }

  /**
   * The quoted summary of each distinct verdict of an answer after the colon that ends the node's
   * name (one copy per node instead of two), encoded once. A request has a handful (one per zone
   * and rule, say), met in any order: a small table by identity hash answers most lookups before
   * the map of all of them is asked.
   */
  private static final class Messages {
    private static final int RECENT = 64;
    private final Verdict[] recent = new Verdict[RECENT];
    private final byte[][] recentBytes = new byte[RECENT][];
    private final Map<Verdict, byte[]> all = new IdentityHashMap<>();

    byte[] of(Verdict v) {
      int i = System.identityHashCode(v) & (RECENT - 1);
      if (recent[i] != v) {
        recent[i] = v;
        recentBytes[i] = all.computeIfAbsent(v, x -> colonQuoted(x.summary()));
      }
      return recentBytes[i];
    }
  }

  private static byte[] colonQuoted(String s) {
    byte[] quoted = AnswerBytes.quoted(s);
    byte[] out = new byte[quoted.length + 1];
    out[0] = ':';
    System.arraycopy(quoted, 0, out, 1, quoted.length);
    return out;
  }

  /** The item as the request sent it. */
  private static byte[] nodeItem(NodeItems items, int i) {
    return Arrays.copyOfRange(items.body(), items.start(i), items.start(i) + items.length(i));
  }

  /** An {@code ExtenderFilterResult} that fails the attempt with an internal error. */
  public static byte[] filterError(String message) {
    return write(
        g -> {
          g.writeStartObject();
          g.writeNullField("Nodes");
          g.writeNullField("NodeNames");
          g.writeNullField("FailedNodes");
          g.writeNullField("FailedAndUnresolvableNodes");
          g.writeStringField("Error", AnswerBytes.oneLine(message));
          g.writeEndObject();
        });
  }

  /**
   * {@code HostPriorityList}: a bare array with an integer score 0..10 for every node, named as in
   * {@link #filterResult}.
   */
  public static Buffer priorities(NodeVerdicts verdicts, ServedSnapshot numberedBy) {
    int n = verdicts.size();
    byte[][] names = new byte[n][];
    byte[][] scores = new byte[n][];
    int size = 2 + Math.max(0, n - 1);
    for (int i = 0; i < n; i++) {
      int slot = verdicts.slot(i);
      names[i] = slot >= 0 ? numberedBy.quotedName(slot) : AnswerBytes.quoted(verdicts.node(i));
      scores[i] = SCORES[Math.max(0, Math.min(10, verdicts.score(i)))];
      size += HOST.length + names[i].length + scores[i].length;
    }
    AnswerBytes out = new AnswerBytes(size);
    int at = out.put(0, (byte) '[');
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        at = out.put(at, (byte) ',');
      }
      at = out.put(out.put(out.put(at, HOST), names[i]), scores[i]);
    }
    out.put(at, (byte) ']');
    return out.buffer();
  }

  /** A JSON error body for HTTP errors: {@code {"error": "..."}}. */
  public static byte[] error(String message) {
    return write(
        g -> {
          g.writeStartObject();
          g.writeStringField("error", AnswerBytes.oneLine(message));
          g.writeEndObject();
        });
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] write(Body body) {
    return write(512, body);
  }

  private static byte[] write(int sizeHint, Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
