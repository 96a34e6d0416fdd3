package io.netplane.agent.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.netplane.agent.model.FixedCidrPool;
import io.netplane.agent.validate.FieldError;
import io.netplane.agent.validate.InvalidPoolException;
import io.netplane.agent.validate.PoolValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads FixedCidrPool documents from YAML or JSON (several per file with {@code ---}), from files,
 * directories and stdin as kubectl's {@code -f} does.
 */
public final class PoolDocuments {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** The {@code -f} argument that means stdin. */
  public static final Path STDIN = Path.of("-");

  /** The files a directory given to {@code -f} contributes (not its subdirectories). */
  private static final List<String> EXTENSIONS = List.of(".yaml", ".yml", ".json");

  private PoolDocuments() {}

  /**
   * Every valid pool of the sources; every error of every document in one exception otherwise.
   *
   * @param sources files; directories, standing for their .yaml, .yml and .json files in name
   *     order; {@link #STDIN}, at most once
   * @param stdin what {@link #STDIN} reads
   */
  public static List<FixedCidrPool> read(List<Path> sources, InputStream stdin) {
    List<FixedCidrPool> pools = new ArrayList<>();
    List<FieldError> errors = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    if (sources.stream().filter(STDIN::equals).count() > 1) {
      throw new IllegalArgumentException("-f - (stdin) can be given once");
    }
    for (Path f : files(sources)) {
      String name = f.equals(STDIN) ? "stdin" : f.toString();
      String text;
      try {
        text =
            f.equals(STDIN)
                ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
                : Files.readString(f);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
      }
      List<JsonNode> docs = parse(name, text);
      for (int i = 0; i < docs.size(); i++) {
        String source = docs.size() == 1 ? name : name + "#" + (i + 1);
        List<FieldError> errs = PoolValidator.validate(docs.get(i));
        if (errs.isEmpty()) {
          pools.add(PoolValidator.parse(source, docs.get(i)));
        } else {
          failed.add(source);
          errs.forEach(
              e ->
                  errors.add(
                      new FieldError(source + ": " + e.path(), e.type(), e.value(), e.detail())));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidPoolException(String.join(", ", failed), errors);
    }
    return pools;
  }

  /**
   * The sources with each directory replaced by its pool files; a directory without any is an
   * error.
   */
  private static List<Path> files(List<Path> sources) {
    List<Path> files = new ArrayList<>();
    for (Path p : sources) {
      if (p.equals(STDIN) || !Files.isDirectory(p)) {
        files.add(p);
        continue;
      }
      try (Stream<Path> listed = Files.list(p)) {
        List<Path> found =
            listed
                .filter(
                    f ->
                        EXTENSIONS.stream().anyMatch(f.getFileName().toString()::endsWith)
                            && Files.isRegularFile(f))
                .sorted()
                .toList();
        if (found.isEmpty()) {
          throw new IllegalArgumentException(p + ": no .yaml, .yml or .json file in the directory");
        }
        files.addAll(found);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read directory " + p + ": " + e.getMessage(), e);
      }
    }
    return files;
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
      throw new IllegalArgumentException(
          source
              + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr())
              + ": not valid YAML: "
              + e.getOriginalMessage(),
          e);
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
