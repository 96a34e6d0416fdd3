package io.netplane.extender.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code ExtenderPreemptionArgs} token by token, as {@link ArgsReader} reads filter requests:
 * at most {@code maxNames} candidate nodes; each node's {@code MetaVictims} kept as the JSON text
 * it was sent in, and full victims ({@code NodeNameToVictims}) reduced to their UIDs while they are
 * read, so no victim pod is ever held as a tree. Keys match case-insensitively.
 */
final class PreemptionReader {
  private final ObjectMapper json;
  private final JsonFactory factory;
  private final byte[] body;
  private final int maxNames;

  PreemptionReader(ObjectMapper json, byte[] body, int maxNames) {
    this.json = json;
    this.factory = json.getFactory();
    this.body = body;
    this.maxNames = maxNames;
  }

  PreemptionArgs read() {
    return ArgsReader.readObject(factory, body, "ExtenderPreemptionArgs", this::readFields);
  }

  private PreemptionArgs readFields(JsonParser p) throws IOException {
    JsonNode pod = null;
    Map<String, String> meta = null;
    Map<String, String> full = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken value = p.nextToken();
      if (key.equalsIgnoreCase("Pod")) {
        pod =
            value == JsonToken.START_OBJECT
                ? ArgsReader.podTree(json, body, p, "ExtenderPreemptionArgs")
                : ArgsReader.skip(p);
      } else if (key.equalsIgnoreCase("NodeNameToMetaVictims")) {
        meta = value == JsonToken.VALUE_NULL ? null : candidates(p, "NodeNameToMetaVictims", true);
      } else if (key.equalsIgnoreCase("NodeNameToVictims")) {
        full = value == JsonToken.VALUE_NULL ? null : candidates(p, "NodeNameToVictims", false);
      } else {
        p.skipChildren();
      }
    }
    ArgsReader.requirePod(pod, "ExtenderPreemptionArgs");
    return new PreemptionArgs(pod, meta != null ? meta : full != null ? full : Map.of());
  }

  /** Node name to MetaVictims JSON: sent ones as they are, full victims reduced to their UIDs. */
  private Map<String, String> candidates(JsonParser p, String field, boolean meta)
      throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new BadRequestException(
          "ExtenderPreemptionArgs." + field + " must be an object keyed by node name");
    }
    Map<String, String> out = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      if (out.size() == maxNames) {
        throw new BadRequestException(
            "ExtenderPreemptionArgs."
                + field
                + " names more than "
                + maxNames
                + " nodes, the most a request may name");
      }
      String node = AnswerBytes.wellFormed(p.currentName());
      p.nextToken();
      out.put(node, meta ? asSent(p, node) : uids(p, node));
    }
    return out;
  }

  private String asSent(JsonParser p, String node) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new BadRequestException("the MetaVictims of node " + node + " must be an object");
    }
    int start = (int) p.currentTokenLocation().getByteOffset();
    p.skipChildren();
    int end = (int) p.currentTokenLocation().getByteOffset() + 1;
    return new String(body, start, end - start, StandardCharsets.UTF_8);
  }

  /** {@code Victims} ({@code Pods}: full pods, {@code NumPDBViolations}) as MetaVictims JSON. */
  private String uids(JsonParser p, String node) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long pdb = 0;
    try (JsonGenerator g = factory.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("Pods");
      if (p.currentToken() == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          JsonToken value = p.nextToken();
          if (key.equalsIgnoreCase("Pods") && value == JsonToken.START_ARRAY) {
            while (p.nextToken() != JsonToken.END_ARRAY) {
              g.writeStartObject();
              g.writeStringField("UID", uid(p, node));
              g.writeEndObject();
            }
          } else if (key.equalsIgnoreCase("NumPDBViolations") && value.isNumeric()) {
            pdb = p.getLongValue();
          } else {
            p.skipChildren();
          }
        }
      } else {
        p.skipChildren();
      }
      g.writeEndArray();
      g.writeNumberField("NumPDBViolations", pdb);
      g.writeEndObject();
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Reads one victim pod to its end, keeping only its {@code metadata.uid}. */
  private static String uid(JsonParser p, String node) throws IOException {
    String uid = null;
    if (p.currentToken() == JsonToken.START_OBJECT) {
      uid = ArgsReader.metadataString(p, "uid");
    } else {
      p.skipChildren();
    }
    if (uid == null) {
      throw new BadRequestException("a victim on node " + node + " has no metadata.uid");
    }
    return AnswerBytes.wellFormed(uid);
  }
}
