package io.netplane.extender.wire;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.netplane.config.rules.Code;
import io.netplane.config.rules.NodeVerdicts;
import io.netplane.config.rules.Verdict;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes the answers of {@code k8s.io/kube-scheduler/extender/v1}: struct fields without json tags,
 * so PascalCase keys go out, as Go's encoder writes them.
 */
public final class AnswerEncoder {
  private static final JsonFactory FACTORY = new JsonFactory();
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
   * that the snapshot has encoded once, and the lines of a handful of distinct verdicts encoded
   * once here.
   */
  public static Buffer filterResult(
      ExtenderArgs args, NodeVerdicts verdicts, ServedSnapshot numberedBy) {
    // what each of the request's few distinct verdicts writes: its section (one per code) and,
    // when it rejects, its line after the node's name, encoded once
    int distinct = verdicts.distinctCount();
    int[] sectionOf = new int[distinct];
    byte[][] lineOf = new byte[distinct][];
    for (int k = 0; k < distinct; k++) {
      Verdict v = verdicts.distinctVerdict(k);
      sectionOf[k] = v.code().ordinal();
      lineOf[k] = v.fits() ? null : colonQuoted(v.summary());
    }
    int n = verdicts.size();
    byte[][] names = new byte[n][];
    // per section (NodeNames or Nodes.items, FailedNodes, FailedAndUnresolvableNodes): its bytes
    // and how many nodes it lists
    int[] sectionBytes = new int[SECTIONS];
    int[] sectionNodes = new int[SECTIONS];
    NodeItems items = args.nodesMode() ? args.nodeItems() : null;
    for (int i = 0; i < n; i++) {
      names[i] = numberedBy.quotedName(verdicts, i);
      int k = verdicts.verdictNumber(i);
      byte[] line = lineOf[k];
      sectionBytes[sectionOf[k]] +=
          line != null
              ? names[i].length + line.length
              : items != null ? items.length(i) : names[i].length;
      sectionNodes[sectionOf[k]]++;
    }
    // what precedes each section, in the order of the codes: FIT, UNSCHEDULABLE, UNRESOLVABLE
    byte[][] separators = {
      items != null ? NODES_HEAD : NAMES_HEAD,
      items != null ? NODES_MIDDLE : NAMES_MIDDLE,
      UNRESOLVABLE
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
      int k = verdicts.verdictNumber(i);
      int section = sectionOf[k];
      int at = cursor[section];
      if (at != start[section]) {
        at = out.put(at, (byte) ',');
      }
      if (lineOf[k] != null) {
        at = out.put(out.put(at, names[i]), lineOf[k]);
      } else if (items != null) {
        // the item as the request sent it
        at = out.put(at, items.body(), items.start(i), items.length(i));
      } else {
        at = out.put(at, names[i]);
      }
      cursor[section] = at;
    }
    return out.buffer();
  }

  /** The quoted summary of a verdict after the colon that ends the node's name. */
  private static byte[] colonQuoted(String s) {
    byte[] quoted = AnswerBytes.quoted(s);
    byte[] out = new byte[quoted.length + 1];
    out[0] = ':';
    System.arraycopy(quoted, 0, out, 1, quoted.length);
    return out;
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
      names[i] = numberedBy.quotedName(verdicts, i);
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
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
