package io.netplane.extender.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netplane.config.rules.Decider;
import io.netplane.config.rules.NumberedNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * Reads {@code ExtenderArgs} token by token, so that what a request costs is bounded by what it is
 * allowed to hold: at most {@code maxNames} node names, each one a reference to the snapshot's own
 * String when the snapshot knows it (found from the name's bytes) and numbered as in the snapshot
 * ({@link NumberedNames}), so deciding does not look it up again; Nodes-mode items as their offsets
 * in the body; the pod, the one part read as a tree, at most {@link #MAX_POD_BYTES}. Keys match
 * case-insensitively and a later duplicate wins, as with Go's decoder.
 */
final class ArgsReader {
  /**
   * A pod as the API server stores it is at most 1.5 MiB (etcd's request limit); JSON spends more.
   */
  static final int MAX_POD_BYTES = 4 << 20;

  private final ObjectMapper json;
  private final JsonFactory factory;
  private final byte[] body;
  private final Decider snapshot;
  private final NodeNameTable table;
  private final int maxNames;
  // the scan of NodeNames met the end of the object, which the parser then has not read
  private boolean objectEnded;

  ArgsReader(ObjectMapper json, byte[] body, ServedSnapshot served, int maxNames) {
    this.json = json;
    this.factory = json.getFactory();
    this.body = body;
    this.snapshot = served.decider();
    this.table = served.table();
    this.maxNames = maxNames;
  }

  ExtenderArgs read() {
    return readObject(factory, body, "ExtenderArgs", this::readFields);
  }

  private ExtenderArgs readFields(JsonParser p) throws IOException {
    JsonNode pod = null;
    List<String> names = null;
    NodeItems items = null;
    List<String> itemNames = null;
    while (!objectEnded && p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken value = p.nextToken();
      if (key.equalsIgnoreCase("Pod")) {
        pod = value == JsonToken.START_OBJECT ? podTree(json, body, p, "ExtenderArgs") : skip(p);
      } else if (key.equalsIgnoreCase("NodeNames")) {
        names = value == JsonToken.VALUE_NULL ? null : names(p);
      } else if (key.equalsIgnoreCase("Nodes")) {
        itemNames = value == JsonToken.VALUE_NULL ? null : newNames();
        items = itemNames == null ? null : nodeList(p, itemNames);
      } else {
        p.skipChildren();
      }
    }
    requirePod(pod, "ExtenderArgs");
    if (names != null) {
      return new ExtenderArgs(pod, names, null);
    }
    if (items != null) {
      return new ExtenderArgs(pod, itemNames, items);
    }
    throw new BadRequestException("ExtenderArgs needs NodeNames (nodeCacheCapable) or Nodes");
  }

  /** Reads one value from a parser over an object's fields; may throw what parsing throws. */
  interface ObjectReading<T> {
    T read(JsonParser p) throws IOException;
  }

  /**
   * Opens {@code body} as the JSON object {@code type} and reads it; an empty body, a body that is
   * not an object or not JSON gets a one-line 400.
   */
  static <T> T readObject(JsonFactory factory, byte[] body, String type, ObjectReading<T> reading) {
    if (body == null || body.length == 0) {
      throw new BadRequestException("empty request body; expected " + type + " JSON");
    }
    try (JsonParser p = factory.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BadRequestException("request body must be a JSON object (" + type + ")");
      }
      return reading.read(p);
    } catch (JsonProcessingException e) {
      throw RequestDecoder.malformed(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The {@code Pod} object the parser is at, measured before it is read as a tree, so that a huge
   * pod costs no more than a skip.
   */
  static JsonNode podTree(ObjectMapper json, byte[] body, JsonParser p, String type)
      throws IOException {
    int start = offset(p);
    p.skipChildren();
    int length = offset(p) + 1 - start;
    if (length > MAX_POD_BYTES) {
      throw new BadRequestException(
          type + ".Pod is " + length + " bytes; at most " + MAX_POD_BYTES + " are accepted");
    }
    return json.readTree(body, start, length);
  }

  /** Skips the value the parser is at; null, for a value that is not there. */
  static JsonNode skip(JsonParser p) throws IOException {
    p.skipChildren();
    return null;
  }

  static void requirePod(JsonNode pod, String type) {
    if (pod == null) {
      throw new BadRequestException(type + ".Pod is missing or not an object");
    }
    if (!pod.path("metadata").path("name").isTextual()) {
      throw new BadRequestException(type + ".Pod.metadata.name is missing");
    }
  }

  /**
   * {@code NodeNames}, read from the body's bytes in one pass ({@link NameArrayScan}); the parser
   * checks the array only when the scan stopped, or when more fields follow it (kube-scheduler
   * sends {@code NodeNames} last), so that the parser is past the array.
   */
  private List<String> names(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw notStrings();
    }
    List<String> out =
        new NumberedNames(
            snapshot, Math.min(maxNames, table.namesFitting(body.length - offset(p)) + 1));
    NameArrayScan scan = new NameArrayScan(body, table, maxNames, this::decoded);
    int end;
    try {
      end = scan.read(offset(p), out);
    } catch (JsonProcessingException e) {
      // a name the parser could not decode: it reports where, as for the whole array
      p.skipChildren();
      throw e;
    }
    if (end < 0) {
      // the parser throws for malformed JSON; what it accepts and the scan does not is a value
      // other than a string, or one name too many
      p.skipChildren();
      if (end == NameArrayScan.FULL) {
        checkRoom(out, "NodeNames");
      }
      throw notStrings();
    }
    int next = scan.whitespace(end);
    if (next < body.length && body[next] == '}') {
      objectEnded = true;
    } else {
      p.skipChildren();
    }
    return out;
  }

  private static BadRequestException notStrings() {
    return new BadRequestException("ExtenderArgs.NodeNames must be an array of strings");
  }

  /** The string from {@code quote} to {@code close}, decoded by the parser. */
  private String decoded(int quote, int close) throws IOException {
    try (JsonParser string = factory.createParser(body, quote, close + 1 - quote)) {
      string.nextToken();
      return known(string.getText());
    }
  }

  /** Numbered by the snapshot. */
  private List<String> newNames() {
    return new NumberedNames(snapshot);
  }

  /** The name as the snapshot has it, else made well-formed, as Go's decoder makes names. */
  private String known(String name) {
    return snapshot.facts(name) != null ? name : AnswerBytes.wellFormed(name);
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
    String name = metadataString(p, "name");
    if (name == null) {
      return false;
    }
    checkRoom(names, "Nodes.items");
    names.add(known(name));
    return true;
  }

  /** Reads the object the parser is at to its end; its {@code metadata.<field>} string, or null. */
  static String metadataString(JsonParser p, String field) throws IOException {
    String found = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      boolean metadata = p.currentName().equals("metadata");
      if (p.nextToken() != JsonToken.START_OBJECT || !metadata) {
        p.skipChildren();
        continue;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        boolean wanted = p.currentName().equals(field);
        if (p.nextToken() == JsonToken.VALUE_STRING && wanted && found == null) {
          found = p.getText();
        } else {
          p.skipChildren();
        }
      }
    }
    return found;
  }

  private void checkRoom(List<String> names, String field) {
    if (names.size() == maxNames) {
      throw new BadRequestException(
          "ExtenderArgs."
              + field
              + " lists more than "
              + maxNames
              + " nodes, the most a request may name");
    }
  }

  /** Where the current token starts in the body. */
  private static int offset(JsonParser p) {
    return (int) p.currentTokenLocation().getByteOffset();
  }
}
