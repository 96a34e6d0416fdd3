package io.netplane.config.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;

/** Reads one or more JSON values, handing a root object's {@code items} over one by one. */
final class JsonDocuments {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonDocuments() {}

  static void read(InputStream in, DocumentSink sink) throws IOException {
    try (JsonParser parser = JSON.createParser(in)) {
      for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
        if (t != JsonToken.START_OBJECT) {
          sink.document(parser.readValueAsTree());
          continue;
        }
        ObjectNode root = JSON.createObjectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          if (parser.nextToken() == JsonToken.START_ARRAY && name.equals("items")) {
            root.putArray(name);
            while (parser.nextToken() != JsonToken.END_ARRAY) {
              sink.item(parser.readValueAsTree());
            }
          } else {
            root.set(name, parser.readValueAsTree());
          }
        }
        sink.document(root);
      }
    }
  }
}
