package io.netplane.extender.wire;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netplane.config.rules.Code;
import io.netplane.config.rules.NodeDecision;
import io.netplane.config.rules.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The extender wire format of {@code k8s.io/kube-scheduler/extender/v1}: struct fields without json
 * tags, so PascalCase keys go out and keys are matched case-insensitively coming in (Go's decoder
 * does the same); {@code null} is accepted wherever a value may be absent.
 */
public final class WireCodec {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = JSON.getFactory();

  private WireCodec() {}

  public static ExtenderArgs parseArgs(byte[] body) {
    JsonNode root = parseObject(body, "ExtenderArgs");
    JsonNode pod = pod(root, "ExtenderArgs");
    JsonNode names = field(root, "NodeNames");
    JsonNode nodes = field(root, "Nodes");
    if (names != null && !names.isNull()) {
      if (!names.isArray()) {
        throw new BadRequestException("ExtenderArgs.NodeNames must be an array of strings");
      }
      List<String> list = new ArrayList<>(names.size());
      for (JsonNode n : names) {
        if (!n.isTextual()) {
          throw new BadRequestException("ExtenderArgs.NodeNames must be an array of strings");
        }
        list.add(n.asText());
      }
      return new ExtenderArgs(pod, list, null);
    }
    if (nodes != null && !nodes.isNull()) {
      JsonNode items = field(nodes, "items");
      if (!nodes.isObject() || (items != null && !items.isNull() && !items.isArray())) {
        throw new BadRequestException("ExtenderArgs.Nodes must be a NodeList object");
      }
      List<String> list = new ArrayList<>();
      List<JsonNode> objects = new ArrayList<>();
      if (items != null) {
        for (JsonNode item : items) {
          JsonNode name = item.path("metadata").path("name");
          if (!name.isTextual()) {
            throw new BadRequestException("a node in ExtenderArgs.Nodes.items has no metadata.name");
          }
          list.add(name.asText());
          objects.add(item);
        }
      }
      return new ExtenderArgs(pod, list, objects);
    }
    throw new BadRequestException("ExtenderArgs needs NodeNames (nodeCacheCapable) or Nodes");
  }

  /**
   * {@code ExtenderPreemptionArgs}: {@code NodeNameToMetaVictims} (nodeCacheCapable) or
   * {@code NodeNameToVictims}, whose full victim pods are reduced to their UIDs.
   */
  public static PreemptionArgs parsePreemptionArgs(byte[] body) {
    JsonNode root = parseObject(body, "ExtenderPreemptionArgs");
    JsonNode pod = pod(root, "ExtenderPreemptionArgs");
    JsonNode meta = field(root, "NodeNameToMetaVictims");
    JsonNode full = field(root, "NodeNameToVictims");
    Map<String, JsonNode> out = new LinkedHashMap<>();
    if (meta != null && !meta.isNull()) {
      requireObject(meta, "NodeNameToMetaVictims");
      meta.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    } else if (full != null && !full.isNull()) {
      requireObject(full, "NodeNameToVictims");
      full.fields().forEachRemaining(e -> out.put(e.getKey(), metaVictims(e.getKey(), e.getValue())));
    }
    return new PreemptionArgs(pod, out);
  }

  private static JsonNode metaVictims(String node, JsonNode victims) {
    ObjectNode meta = JSON.createObjectNode();
    ArrayNode pods = meta.putArray("Pods");
    JsonNode list = victims == null ? null : field(victims, "Pods");
    if (list != null && list.isArray()) {
      for (JsonNode p : list) {
        JsonNode uid = p.path("metadata").path("uid");
        if (!uid.isTextual()) {
          throw new BadRequestException("a victim on node " + node + " has no metadata.uid");
        }
        pods.addObject().put("UID", uid.asText());
      }
    }
    JsonNode pdb = victims == null ? null : field(victims, "NumPDBViolations");
    meta.put("NumPDBViolations", pdb == null ? 0 : pdb.asLong());
    return meta;
  }

  /** {@code ExtenderPreemptionResult}: the kept candidates with their victims, untouched. */
  public static byte[] preemptionResult(Map<String, JsonNode> kept) {
    return write(
        g -> {
          g.writeStartObject();
          g.writeObjectFieldStart("NodeNameToMetaVictims");
          for (Map.Entry<String, JsonNode> e : kept.entrySet()) {
            g.writeFieldName(e.getKey());
            JSON.writeTree(g, e.getValue());
          }
          g.writeEndObject();
          g.writeEndObject();
        });
  }

  private static void requireObject(JsonNode n, String name) {
    if (!n.isObject()) {
      throw new BadRequestException("ExtenderPreemptionArgs." + name + " must be an object keyed by node name");
    }
  }

  private static JsonNode pod(JsonNode root, String type) {
    JsonNode pod = field(root, "Pod");
    if (pod == null || !pod.isObject()) {
      throw new BadRequestException(type + ".Pod is missing or not an object");
    }
    if (!pod.path("metadata").path("name").isTextual()) {
      throw new BadRequestException(type + ".Pod.metadata.name is missing");
    }
    return pod;
  }

  private static JsonNode parseObject(byte[] body, String type) {
    if (body == null || body.length == 0) {
      throw new BadRequestException("empty request body; expected " + type + " JSON");
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new BadRequestException(
          "malformed JSON"
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
              + ": "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root == null || !root.isObject()) {
      throw new BadRequestException("request body must be a JSON object (" + type + ")");
    }
    return root;
  }

  /** A field matched case-insensitively, as Go's encoding/json does; null when absent. */
  static JsonNode field(JsonNode object, String name) {
    JsonNode exact = object.get(name);
    if (exact != null) {
      return exact;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  /**
   * {@code ExtenderFilterResult}. Every node of the request is either passed or listed with its
   * reasons: UNSCHEDULABLE in {@code FailedNodes}, UNRESOLVABLE in {@code
   * FailedAndUnresolvableNodes}.
   */
  public static byte[] filterResult(ExtenderArgs args, List<NodeDecision> decisions) {
    // Thousands of nodes share a handful of verdicts: escape and encode each message once. With
    // them known, the answer's size is too, and the buffer is allocated once at about that size.
    Map<Verdict, SerializedString> messages = new IdentityHashMap<>();
    int size = 256;
    for (NodeDecision d : decisions) {
      size += d.node().length() + 4;
      if (!d.verdict().fits()) {
        size += messages.computeIfAbsent(d.verdict(), v -> new SerializedString(v.summary())).charLength() + 4;
      }
    }
    return write(
        size,
        g -> {
          g.writeStartObject();
          if (args.nodesMode()) {
            g.writeFieldName("Nodes");
            g.writeStartObject();
            g.writeStringField("apiVersion", "v1");
            g.writeStringField("kind", "NodeList");
            g.writeObjectFieldStart("metadata");
            g.writeEndObject();
            g.writeArrayFieldStart("items");
            for (int i = 0; i < decisions.size(); i++) {
              if (decisions.get(i).verdict().fits()) {
                JSON.writeTree(g, args.nodeItems().get(i));
              }
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeNullField("NodeNames");
          } else {
            g.writeNullField("Nodes");
            g.writeArrayFieldStart("NodeNames");
            for (NodeDecision d : decisions) {
              if (d.verdict().fits()) {
                g.writeString(d.node());
              }
            }
            g.writeEndArray();
          }
          failed(g, "FailedNodes", decisions, Code.UNSCHEDULABLE, messages);
          failed(g, "FailedAndUnresolvableNodes", decisions, Code.UNRESOLVABLE, messages);
          g.writeStringField("Error", "");
          g.writeEndObject();
        });
  }

  private static void failed(
      JsonGenerator g, String field, List<NodeDecision> decisions, Code code, Map<Verdict, SerializedString> messages)
      throws IOException {
    g.writeObjectFieldStart(field);
    for (NodeDecision d : decisions) {
      if (d.verdict().code() == code) {
        g.writeFieldName(d.node());
        g.writeString(messages.get(d.verdict()));
      }
    }
    g.writeEndObject();
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
          g.writeStringField("Error", message);
          g.writeEndObject();
        });
  }

  /** {@code HostPriorityList}: a bare array with an integer score 0..10 for every node. */
  public static byte[] priorities(List<NodeDecision> decisions) {
    return write(
        g -> {
          g.writeStartArray();
          for (NodeDecision d : decisions) {
            g.writeStartObject();
            g.writeStringField("Host", d.node());
            g.writeNumberField("Score", Math.max(0, Math.min(10, d.score())));
            g.writeEndObject();
          }
          g.writeEndArray();
        });
  }

  /** A JSON error body for HTTP errors: {@code {"error": "..."}}. */
  public static byte[] error(String message) {
    return write(
        g -> {
          g.writeStartObject();
          g.writeStringField("error", message);
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
