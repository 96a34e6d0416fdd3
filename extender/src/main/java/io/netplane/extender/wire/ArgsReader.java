package io.netplane.extender.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads {@code ExtenderArgs} token by token, so that what a request costs is bounded by what it
 * is allowed to hold: at most {@code maxNames} node names, each one a reference to the snapshot's
 * own String when the snapshot knows it; Nodes-mode items as their offsets in the body; the pod,
 * the one part read as a tree, at most {@link #MAX_POD_BYTES}. Keys match case-insensitively and a
 * later duplicate wins, as with Go's decoder.
 */
final class ArgsReader {
  /** A pod as the API server stores it is at most 1.5 MiB (etcd's request limit); JSON spends more. */
  static final int MAX_POD_BYTES = 4 << 20;

  private final ObjectMapper json;
  private final JsonFactory factory;
  private final byte[] body;
  private final NodeNameTable snapshot;
  private final int maxNames;

  /** {@code snapshot}: null when no snapshot numbers the names. */
  ArgsReader(ObjectMapper json, byte[] body, NodeNameTable snapshot, int maxNames) {
    this.json = json;
    this.factory = json.getFactory();
    this.body = body;
    this.snapshot = snapshot;
    this.maxNames = maxNames;
  }

  ExtenderArgs read() {
    if (body == null || body.length == 0) {
      throw new BadRequestException("empty request body; expected ExtenderArgs JSON");
    }
    try (JsonParser p = factory.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BadRequestException("request body must be a JSON object (ExtenderArgs)");
      }
      JsonNode pod = null;
      List<String> names = null;
      NodeItems items = null;
      List<String> itemNames = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken value = p.nextToken();
        if (key.equalsIgnoreCase("Pod")) {
          pod = value == JsonToken.START_OBJECT ? pod(p) : skip(p);
        } else if (key.equalsIgnoreCase("NodeNames")) {
          names = value == JsonToken.VALUE_NULL ? null : names(p);
        } else if (key.equalsIgnoreCase("Nodes")) {
          itemNames = value == JsonToken.VALUE_NULL ? null : new ArrayList<>();
          items = itemNames == null ? null : nodeList(p, itemNames);
        } else {
          p.skipChildren();
        }
      }
      requirePod(pod);
      if (names != null) {
        return new ExtenderArgs(pod, names, null);
      }
      if (items != null) {
        return new ExtenderArgs(pod, itemNames, items);
      }
      throw new BadRequestException("ExtenderArgs needs NodeNames (nodeCacheCapable) or Nodes");
    } catch (JsonProcessingException e) {
      throw WireCodec.malformed(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Measured before it is read as a tree, so that a huge pod costs no more than a skip. */
  private JsonNode pod(JsonParser p) throws IOException {
    int start = offset(p);
    p.skipChildren();
    int length = offset(p) + 1 - start;
    if (length > MAX_POD_BYTES) {
      throw new BadRequestException(
          "ExtenderArgs.Pod is " + length + " bytes; at most " + MAX_POD_BYTES + " are accepted");
    }
    return json.readTree(body, start, length);
  }

  private static JsonNode skip(JsonParser p) throws IOException {
    p.skipChildren();
    return null;
  }

  private static void requirePod(JsonNode pod) {
    if (pod == null) {
      throw new BadRequestException("ExtenderArgs.Pod is missing or not an object");
    }
    if (!pod.path("metadata").path("name").isTextual()) {
      throw new BadRequestException("ExtenderArgs.Pod.metadata.name is missing");
    }
  }

  private List<String> names(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw new BadRequestException("ExtenderArgs.NodeNames must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.VALUE_STRING) {
        throw new BadRequestException("ExtenderArgs.NodeNames must be an array of strings");
      }
      add(out, p, "NodeNames");
    }
    return out;
  }

  /** {@code Nodes}, a NodeList: the items' names into {@code names}, their places in the body. */
  private NodeItems nodeList(JsonParser p, List<String> names) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new BadRequestException("ExtenderArgs.Nodes must be a NodeList object");
    }
    int[] bounds = new int[16];
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken value = p.nextToken();
      if (!key.equals("items") || value == JsonToken.VALUE_NULL) {
        p.skipChildren();
        continue;
      }
      if (value != JsonToken.START_ARRAY) {
        throw new BadRequestException("ExtenderArgs.Nodes must be a NodeList object");
      }
      names.clear();
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        int i = names.size();
        if (2 * i + 2 > bounds.length) {
          bounds = Arrays.copyOf(bounds, bounds.length * 2);
        }
        bounds[2 * i] = offset(p);
        if (t != JsonToken.START_OBJECT || !nodeName(p, names)) {
          throw new BadRequestException("a node in ExtenderArgs.Nodes.items has no metadata.name");
        }
        bounds[2 * i + 1] = offset(p) + 1;
      }
    }
    return new NodeItems(body, bounds, names.size());
  }

  /** Reads one Node object to its end; adds its {@code metadata.name}, if it has one. */
  private boolean nodeName(JsonParser p, List<String> names) throws IOException {
    boolean named = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      boolean metadata = p.currentName().equals("metadata");
      if (p.nextToken() != JsonToken.START_OBJECT || !metadata) {
        p.skipChildren();
        continue;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        boolean name = p.currentName().equals("name");
        if (p.nextToken() == JsonToken.VALUE_STRING && name && !named) {
          add(names, p, "Nodes.items");
          named = true;
        } else {
          p.skipChildren();
        }
      }
    }
    return named;
  }

  /** The parser's current string as a node name, without a String of its own when it is known. */
  private void add(List<String> names, JsonParser p, String field) throws IOException {
    if (names.size() == maxNames) {
      throw new BadRequestException(
          "ExtenderArgs." + field + " lists more than " + maxNames + " nodes, the most a request may name");
    }
    char[] chars = p.getTextCharacters();
    int offset = p.getTextOffset();
    int length = p.getTextLength();
    String known = snapshot == null ? null : snapshot.find(chars, offset, length);
    names.add(known != null ? known : AnswerBytes.wellFormed(new String(chars, offset, length)));
  }

  /** Where the current token starts in the body. */
  private static int offset(JsonParser p) {
    return (int) p.currentTokenLocation().getByteOffset();
  }
}
