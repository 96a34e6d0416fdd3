package io.netplane.config.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.reader.UnicodeReader;

/**
 * Reads a YAML stream as Kubernetes tooling (sigs.k8s.io/yaml) does: YAML 1.1 scalars, anchors and
 * aliases resolved, {@code <<} merge keys applied. Documents are built one at a time and the root
 * mapping's {@code items} are handed over as they are read.
 *
 * <p>An alias shares the anchored node rather than copying it, so memory never grows with alias
 * expansion; the nodes aliases stand for are still counted and bounded, so a consumer walking the
 * tree cannot be made to walk billions of nodes.
 */
final class YamlDocuments {
  /**
   * Per file. SnakeYAML's default, 3 MiB, is far below real kubectl output; it counts code points
   * in an int and checks {@code count > limit}, so this is the most it can tell apart.
   */
  static final int MAX_CODE_POINTS = Integer.MAX_VALUE - 1;

  static final int MAX_DEPTH = 1000;
  static final long MAX_ALIASED_NODES = 10_000_000;

  private static final String MERGE_TAG = "tag:yaml.org,2002:merge";
  private static final String STRING_TAG = "tag:yaml.org,2002:str";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final DocumentSink sink;
  private final Deque<Frame> open = new ArrayDeque<>();
  private final Map<String, Anchored> anchors = new HashMap<>();
  private long aliasedNodes;

  private YamlDocuments(DocumentSink sink) {
    this.sink = sink;
  }

  /**
   * Reads every document of {@code in} into {@code sink}.
   *
   * @throws IllegalArgumentException naming the line and column of malformed YAML
   */
  static void read(InputStream in, DocumentSink sink) throws IOException {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_CODE_POINTS);
    Parser parser = new ParserImpl(new StreamReader(new UnicodeReader(in)), options);
    YamlDocuments reader = new YamlDocuments(sink);
    try {
      for (Event e = parser.getEvent(); !e.is(Event.ID.StreamEnd); e = parser.getEvent()) {
        reader.accept(e);
      }
    } catch (MarkedYAMLException e) {
      throw new IllegalArgumentException(at(e.getProblemMark()) + e.getProblem(), e);
    } catch (YAMLException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** A mapping or sequence being read. */
  private static final class Frame {
    final ObjectNode mapping;
    final ArrayNode sequence;
    final String anchor;

    /** Nodes in this collection once every alias in it is expanded, itself included. */
    long size = 1;

    /** Mapping: the key whose value comes next, or null when a key comes next. */
    String key;

    boolean mergeKey;

    /** Mapping: the sources of its {@code <<} keys, earliest first. */
    List<ObjectNode> merges;

    /** Sequence: the root mapping's items, handed to the sink instead of kept. */
    boolean streamed;

    Frame(ObjectNode mapping, ArrayNode sequence, String anchor) {
      this.mapping = mapping;
      this.sequence = sequence;
      this.anchor = anchor;
    }

    boolean awaitsKey() {
      return mapping != null && key == null && !mergeKey;
    }
  }

  private record Anchored(JsonNode node, long size) {}

  private void accept(Event e) {
    switch (e.getEventId()) {
      case DocumentStart -> {
        anchors.clear();
        aliasedNodes = 0;
      }
      case MappingStart ->
          open(e, new Frame(NODES.objectNode(), null, ((CollectionStartEvent) e).getAnchor()));
      case SequenceStart -> {
        Frame seq = new Frame(null, NODES.arrayNode(), ((CollectionStartEvent) e).getAnchor());
        Frame parent = open.peek();
        // an anchored items sequence may be aliased later, so it is kept whole
        seq.streamed =
            open.size() == 1
                && parent.mapping != null
                && "items".equals(parent.key)
                && seq.anchor == null;
        open(e, seq);
      }
      case MappingEnd, SequenceEnd -> close(e);
      case Scalar -> scalar((ScalarEvent) e);
      case Alias -> alias((AliasEvent) e);
      default -> {
        // stream and document boundaries carry nothing to keep
      }
    }
  }

  private void open(Event e, Frame frame) {
    Frame parent = open.peek();
    if (parent != null && parent.awaitsKey()) {
      throw error(e.getStartMark(), "a mapping key must be a scalar");
    }
    if (open.size() >= MAX_DEPTH) {
      throw error(e.getStartMark(), "nested more than " + MAX_DEPTH + " levels deep");
    }
    open.push(frame);
  }

  private void close(Event e) {
    Frame f = open.pop();
    if (f.mapping == null) {
      add(f.sequence, f.size, f.anchor, e.getEndMark());
      return;
    }
    if (f.merges != null) {
      // keys written in the mapping win over merged ones, earlier merge sources over later ones
      for (ObjectNode source : f.merges) {
        source
            .fields()
            .forEachRemaining(
                field -> {
                  if (!f.mapping.has(field.getKey())) {
                    f.mapping.set(field.getKey(), field.getValue());
                  }
                });
      }
    }
    add(f.mapping, f.size, f.anchor, e.getEndMark());
  }

  private void scalar(ScalarEvent e) {
    Frame parent = open.peek();
    if (parent != null && parent.awaitsKey()) {
      remember(e.getAnchor(), NODES.textNode(e.getValue()), 1);
      if (e.isPlain()
          && e.getValue().equals("<<")
          && (e.getTag() == null || e.getTag().equals(MERGE_TAG))) {
        parent.mergeKey = true;
      } else {
        parent.key = e.getValue();
      }
      return;
    }
    String tag = e.getTag();
    boolean text = tag == null ? !e.isPlain() : tag.equals(STRING_TAG);
    add(
        text ? NODES.textNode(e.getValue()) : YamlScalars.resolve(e.getValue()),
        1,
        e.getAnchor(),
        e.getStartMark());
  }

  private void alias(AliasEvent e) {
    Anchored target = anchors.get(e.getAnchor());
    if (target == null) {
      throw error(
          e.getStartMark(),
          "alias *" + e.getAnchor() + " refers to no anchor before it in this document");
    }
    aliasedNodes += target.size();
    if (aliasedNodes > MAX_ALIASED_NODES) {
      throw error(
          e.getStartMark(),
          "aliases in this document stand for more than "
              + MAX_ALIASED_NODES
              + " nodes; expand them or split the document");
    }
    Frame parent = open.peek();
    if (parent != null && parent.awaitsKey()) {
      if (!target.node().isValueNode()) {
        throw error(
            e.getStartMark(),
            "a mapping key must be a scalar, but *" + e.getAnchor() + " is a collection");
      }
      parent.key = target.node().asText();
      return;
    }
    add(target.node(), target.size(), null, e.getStartMark());
  }

  /**
   * Places a finished node in the collection being read, or hands over the document it completes.
   */
  private void add(JsonNode node, long size, String anchor, Mark at) {
    remember(anchor, node, size);
    Frame parent = open.peek();
    if (parent == null) {
      sink.document(node);
      return;
    }
    parent.size += size;
    if (parent.sequence != null) {
      if (parent.streamed) {
        sink.item(node);
      } else {
        parent.sequence.add(node);
      }
    } else if (parent.mergeKey) {
      merge(parent, node, at);
      parent.mergeKey = false;
    } else {
      parent.mapping.set(parent.key, node);
      parent.key = null;
    }
  }

  private static void merge(Frame mapping, JsonNode source, Mark at) {
    List<ObjectNode> sources = new ArrayList<>();
    if (source.isObject()) {
      sources.add((ObjectNode) source);
    } else if (source.isArray()) {
      for (JsonNode s : source) {
        if (!s.isObject()) {
          throw error(at, "a << merge key takes a mapping or a list of mappings");
        }
        sources.add((ObjectNode) s);
      }
    } else {
      throw error(at, "a << merge key takes a mapping or a list of mappings");
    }
    if (mapping.merges == null) {
      mapping.merges = new ArrayList<>();
    }
    mapping.merges.addAll(sources);
  }

  private void remember(String anchor, JsonNode node, long size) {
    if (anchor != null) {
      anchors.put(anchor, new Anchored(node, size));
    }
  }

  private static IllegalArgumentException error(Mark at, String message) {
    return new IllegalArgumentException(at(at) + message);
  }

  private static String at(Mark mark) {
    return mark == null
        ? ""
        : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": ";
  }
}
