package io.netplane.agent.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.netplane.agent.model.FixedCidrPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads FixedCidrPool documents from YAML or JSON (several per file with {@code ---}). */
public final class PoolDocuments {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private PoolDocuments() {}

  /** Every valid pool of the files; every error of every document in one exception otherwise. */
  public static List<FixedCidrPool> read(List<Path> files) {
    List<FixedCidrPool> pools = new ArrayList<>();
    List<FieldError> errors = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    for (Path f : files) {
      String text;
      try {
        text = Files.readString(f);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
      }
      List<JsonNode> docs = parse(f.toString(), text);
      for (int i = 0; i < docs.size(); i++) {
        String source = docs.size() == 1 ? f.toString() : f + "#" + (i + 1);
        List<FieldError> errs = PoolValidator.validate(docs.get(i));
        if (errs.isEmpty()) {
          pools.add(PoolValidator.parse(source, docs.get(i)));
        } else {
          sources.add(source);
          errs.forEach(e -> errors.add(new FieldError(source + ": " + e.path(), e.type(), e.value(), e.detail())));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidPoolException(String.join(", ", sources), errors);
    }
    return pools;
  }

  /** The non-empty documents of a YAML stream; a syntax error names the line and column. */
  public static List<JsonNode> parse(String source, String text) {
    List<JsonNode> out = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
      while (it.hasNextValue()) {
        JsonNode n = it.nextValue();
        if (n != null && !n.isNull() && !n.isMissingNode()) {
          out.add(n);
        }
      }
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new IllegalArgumentException(source + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr())
          + ": not valid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Serialises a pool as YAML. */
  public static String yaml(FixedCidrPool pool) {
    try {
      return YAML.writeValueAsString(pool);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

}
