package io.netplane.extender.wire;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netplane.config.rules.Code;
import io.netplane.config.rules.Decider;
import io.netplane.config.rules.Decision;
import io.netplane.config.rules.NodeVerdicts;
import io.netplane.config.rules.Verdict;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The extender wire format of {@code k8s.io/kube-scheduler/extender/v1}: struct fields without json
 * tags, so PascalCase keys go out and keys are matched case-insensitively coming in (Go's decoder
 * does the same); {@code null} is accepted wherever a value may be absent.
 */
public final class WireCodec {
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

  /** A snapshot's node names as JSON strings, by slot. */
  private static final Function<Decider, byte[][]> QUOTED_NAMES =
      decider -> {
        byte[][] out = new byte[decider.nodeCount()][];
        for (int slot = 0; slot < out.length; slot++) {
          out[slot] = AnswerBytes.quoted(decider.nodeName(slot));
        }
        return out;
      };

  private WireCodec() {}

  /**
   * The fewest node names a request may carry, whatever the snapshot's size: room for a cluster
   * that has grown since the snapshot, or one not loaded yet.
   */
  public static final int MIN_NAMES_LIMIT = 1000;

  /** How many node names a request may carry against a snapshot of {@code nodeCount} nodes. */
  public static int maxNames(int nodeCount) {
    return Math.max(MIN_NAMES_LIMIT, 4 * nodeCount);
  }

  /**
   * {@code ExtenderArgs}, its node names resolved against the decider's snapshot: a known name is
   * the snapshot's own String; more than {@link #maxNames} names are refused.
   */
  public static ExtenderArgs parseArgs(byte[] body, Decider decider) {
    return new ArgsReader(JSON, body, decider, maxNames(decider.nodeCount())).read();
  }

  /**
   * {@code ExtenderArgs} with names numbered by no snapshot; more than {@code maxNames} are
   * refused.
   */
  public static ExtenderArgs parseArgs(byte[] body, int maxNames) {
    return new ArgsReader(JSON, body, null, maxNames).read();
  }

  /**
   * {@code ExtenderPreemptionArgs}: {@code NodeNameToMetaVictims} (nodeCacheCapable) or {@code
   * NodeNameToVictims}, whose full victim pods are reduced to their UIDs; more candidate nodes than
   * {@link #maxNames} for the decider's snapshot are refused.
   */
  public static PreemptionArgs parsePreemptionArgs(byte[] body, Decider decider) {
    return new PreemptionReader(JSON, body, maxNames(decider.nodeCount())).read();
  }

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

  /** A request that is not JSON, or breaks the parser's limits (length, nesting): one line. */
  static BadRequestException malformed(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    return new BadRequestException(
        "malformed JSON" + where + ": " + oneLine(e.getOriginalMessage()), e);
  }

  /** Line breaks and other control characters as spaces, at most 200 characters, well-formed. */
  private static String oneLine(String text) {
    String s = text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "..." : text;
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.append(Character.isISOControl(c) ? ' ' : c);
    }
    return AnswerBytes.wellFormed(out.toString());
  }

  /**
   * {@code ExtenderFilterResult}. Every node of the request is either passed or listed with its
   * reasons: UNSCHEDULABLE in {@code FailedNodes}, UNRESOLVABLE in {@code
   * FailedAndUnresolvableNodes}. Node names come already encoded from the decision's snapshot.
   */
  public static Buffer filterResult(ExtenderArgs args, Decision decision) {
    return filterResult(args, decision.verdicts(), decision.decider().derived(QUOTED_NAMES));
  }

  /** {@link #filterResult(ExtenderArgs, Decision)} for verdicts no snapshot numbered. */
  public static Buffer filterResult(ExtenderArgs args, NodeVerdicts verdicts) {
    return filterResult(args, verdicts, null);
  }

  /**
   * Written byte by byte rather than through a JSON generator: an answer is thousands of names that
   * the snapshot has encoded once, and a handful of distinct messages encoded once here.
   */
  private static Buffer filterResult(
      ExtenderArgs args, NodeVerdicts verdicts, byte[][] quotedBySlot) {
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
      names[i] =
          quotedBySlot != null && slot >= 0
              ? quotedBySlot[slot]
              : AnswerBytes.quoted(verdicts.node(i));
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
          g.writeStringField("Error", oneLine(message));
          g.writeEndObject();
        });
  }

  /** {@code HostPriorityList}: a bare array with an integer score 0..10 for every node. */
  public static Buffer priorities(Decision decision) {
    return priorities(decision.verdicts(), decision.decider().derived(QUOTED_NAMES));
  }

  /** {@link #priorities(Decision)} for verdicts no snapshot numbered. */
  public static Buffer priorities(NodeVerdicts verdicts) {
    return priorities(verdicts, null);
  }

  private static Buffer priorities(NodeVerdicts verdicts, byte[][] quotedBySlot) {
    int n = verdicts.size();
    byte[][] names = new byte[n][];
    byte[][] scores = new byte[n][];
    int size = 2 + Math.max(0, n - 1);
    for (int i = 0; i < n; i++) {
      int slot = verdicts.slot(i);
      names[i] =
          quotedBySlot != null && slot >= 0
              ? quotedBySlot[slot]
              : AnswerBytes.quoted(verdicts.node(i));
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
          g.writeStringField("error", oneLine(message));
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
