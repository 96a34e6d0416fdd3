package io.netplane.config.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.netplane.config.kube.EniConfigs;
import io.netplane.config.kube.KubeObjects;
import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.InstanceType;
import io.netplane.config.model.NamespaceView;
import io.netplane.config.model.NodeView;
import io.netplane.config.model.PodEni;
import io.netplane.config.model.PodNetworking;
import io.netplane.config.model.PodView;
import io.netplane.config.model.VSwitch;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a static snapshot: a directory, searched recursively, of {@code .yaml}/{@code .yml}/ {@code
 * .json} files holding Kubernetes objects as {@code kubectl get -o yaml|json} prints them
 * (multi-document and {@code List} kinds included) and Alibaba Cloud OpenAPI responses of
 * DescribeVSwitches and DescribeInstanceTypes. Files are recognised by content, never by name.
 *
 * <p>Files are read in path order, a {@code List}'s items as they are parsed: memory follows the
 * objects kept, not the size of a file. An object defined twice (same kind, namespace and name, or
 * the same vSwitch or instance type id) keeps the definition read last, with a warning naming both
 * files.
 */
public final class SnapshotLoader {
  private static final int NAMES_PER_WARNING = 5;

  private final Map<String, Map<String, Object>> objects = new LinkedHashMap<>();
  private final Map<String, String> definedIn = new LinkedHashMap<>();

  /** Objects defined again, by the source of the earlier and of the later definition. */
  private final Map<List<String>, List<String>> redefined = new LinkedHashMap<>();

  private final Map<String, Integer> skipped = new TreeMap<>();

  private SnapshotLoader() {}

  /** Loads {@code dir}; TTLs are evaluated at {@code takenAt}. */
  public static LoadReport load(Path dir, Instant takenAt) {
    if (!Files.isDirectory(dir)) {
      throw new SnapshotLoadException(dir, "not a directory", null);
    }
    SnapshotLoader loader = new SnapshotLoader();
    List<Path> files = snapshotFiles(dir);
    for (Path f : files) {
      loader.readFile(f);
    }
    return loader.report(takenAt, files.size());
  }

  /**
   * Builds a snapshot from objects read elsewhere (e.g. listed from a cluster's API), each with its
   * {@code kind} and {@code apiVersion}, and cloud responses, mapped exactly as a directory's files
   * are; {@code source} names them in warnings.
   */
  public static LoadReport fromDocuments(
      String source, Iterable<JsonNode> documents, Instant takenAt) {
    SnapshotLoader loader = new SnapshotLoader();
    int count = 0;
    for (JsonNode doc : documents) {
      List<Entry> entries = new ArrayList<>();
      loader.parse(doc, entries);
      entries.forEach(e -> loader.keep(source, e));
      count++;
    }
    return loader.report(takenAt, count);
  }

  private LoadReport report(Instant takenAt, int files) {
    Map<String, Integer> loaded = new TreeMap<>();
    objects.forEach((kind, byId) -> loaded.put(kind, byId.size()));
    return new LoadReport(snapshot(takenAt), files, loaded, skipped, warnings());
  }

  private static List<Path> snapshotFiles(Path dir) {
    List<Path> candidates;
    try (Stream<Path> walk = Files.walk(dir)) {
      candidates =
          walk.filter(SnapshotLoader::snapshotName)
              .filter(p -> !Files.isDirectory(p))
              .sorted()
              .toList();
    } catch (UncheckedIOException e) {
      throw unreadable(dir, e.getCause());
    } catch (IOException e) {
      throw unreadable(dir, e);
    }
    for (Path p : candidates) {
      if (!Files.isRegularFile(p)) {
        // a FIFO would block the read; a dangling link would silently drop the file's objects
        boolean dangling = Files.isSymbolicLink(p) && !Files.exists(p);
        throw new SnapshotLoadException(
            p, dangling ? "a broken symbolic link" : "not a regular file", null);
      }
    }
    return candidates;
  }

  private static boolean snapshotName(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  private static SnapshotLoadException unreadable(Path dir, IOException e) {
    Path where =
        e instanceof FileSystemException fs && fs.getFile() != null ? Path.of(fs.getFile()) : dir;
    return new SnapshotLoadException(where, "cannot read: " + reason(e), e);
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof FileSystemLoopException) {
      return "a symbolic link loop";
    }
    if (e instanceof CharacterCodingException) {
      return "not UTF-8 text";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private void readFile(Path file) {
    boolean json = file.toString().toLowerCase(Locale.ROOT).endsWith(".json");
    FileDocuments documents = new FileDocuments(file);
    try (InputStream in = Files.newInputStream(file)) {
      if (json) {
        JsonDocuments.read(in, documents);
      } else {
        YamlDocuments.read(in, documents);
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
      throw new SnapshotLoadException(file, where + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new SnapshotLoadException(file, "cannot read: " + reason(e), e);
    } catch (SnapshotLoadException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new SnapshotLoadException(file, e.getMessage(), e);
    }
  }

  /** One object read, kept once its document is known to hold it. */
  private record Entry(String kind, String id, Object value) {
    static Entry skipped(String kind) {
      return new Entry(kind, null, null);
    }
  }

  /** A ConfigMap: only a kube-system one's {@code eni_conf} matters (null elsewhere). */
  private record ConfigMapData(String namespace, String name, EniConfigs.Source eniConf) {}

  /**
   * The documents of one file. A document's items arrive before its {@code kind} (kubectl prints
   * keys in order), so they are parsed as they come and kept only if the document is a List.
   */
  private final class FileDocuments implements DocumentSink {
    private final Path file;
    private final List<Entry> items = new ArrayList<>();
    private RuntimeException itemError;

    FileDocuments(Path file) {
      this.file = file;
    }

    @Override
    public void item(JsonNode item) {
      try {
        parse(item, items);
      } catch (RuntimeException e) {
        itemError = itemError == null ? e : itemError;
      }
    }

    @Override
    public void document(JsonNode root) {
      try {
        if (root == null || root.isNull() || root.isMissingNode()) {
          return;
        }
        List<Entry> entries = new ArrayList<>();
        if (isList(root)) {
          if (itemError != null) {
            throw itemError;
          }
          entries.addAll(items);
        }
        parse(root, entries);
        entries.forEach(e -> keep(file.toString(), e));
      } finally {
        items.clear();
        itemError = null;
      }
    }
  }

  private static boolean isList(JsonNode doc) {
    String kind = doc.path("kind").asText("");
    return doc.has("apiVersion") && kind.endsWith("List") && doc.path("items").isArray();
  }

  private void parse(JsonNode doc, List<Entry> into) {
    if (!doc.isObject()) {
      throw new IllegalArgumentException("a document is not an object");
    }
    String kind = doc.path("kind").asText("");
    if (!kind.isEmpty() && doc.has("apiVersion")) {
      if (isList(doc)) {
        doc.path("items").forEach(item -> parse(item, into));
      } else {
        into.add(object(kind, doc));
      }
    } else if (doc.path("VSwitches").path("VSwitch").isArray()
        || doc.path("InstanceTypes").path("InstanceType").isArray()) {
      // one response each, or both in one document (the extender's GET /inventory)
      doc.path("VSwitches").path("VSwitch").forEach(v -> into.add(vSwitch(v)));
      doc.path("InstanceTypes").path("InstanceType").forEach(t -> into.add(instanceType(t)));
    } else {
      into.add(Entry.skipped(kind.isEmpty() ? "(unrecognised document)" : kind));
    }
  }

  private static Entry object(String kind, JsonNode o) {
    boolean terway = o.path("apiVersion").asText().startsWith("network.alibabacloud.com/");
    return switch (kind) {
      case "Node" -> new Entry(kind, name(o), KubeObjects.node(o));
      case "Namespace" -> new Entry(kind, name(o), KubeObjects.namespace(o));
      case "Pod" -> {
        PodView pod = KubeObjects.pod(o);
        yield new Entry(kind, pod.key(), pod);
      }
      case "ConfigMap" -> configMap(o);
      case "PodNetworking" ->
          terway ? new Entry(kind, name(o), KubeObjects.podNetworking(o)) : Entry.skipped(kind);
      case "PodENI" -> {
        if (!terway) {
          yield Entry.skipped(kind);
        }
        PodEni eni = KubeObjects.podEni(o);
        yield new Entry(kind, eni.namespace() + "/" + eni.name(), eni);
      }
      default -> Entry.skipped(kind);
    };
  }

  private static String name(JsonNode o) {
    return o.path("metadata").path("name").asText();
  }

  private static Entry configMap(JsonNode o) {
    String ns = o.path("metadata").path("namespace").asText("");
    String name = name(o);
    // Every kube-system ConfigMap can be a node's override; one without eni_conf overrides nothing.
    EniConfigs.Source eniConf =
        "kube-system".equals(ns)
            ? EniConfigs.read("kube-system/" + name, o.path("data").path("eni_conf"))
            : null;
    return new Entry("ConfigMap", ns + "/" + name, new ConfigMapData(ns, name, eniConf));
  }

  private static Entry vSwitch(JsonNode v) {
    VSwitch vSwitch =
        new VSwitch(
            v.path("VSwitchId").asText(),
            v.path("ZoneId").asText(),
            v.path("CidrBlock").asText(""),
            v.path("VpcId").asText(""),
            v.path("AvailableIpAddressCount").isNumber()
                ? v.path("AvailableIpAddressCount").asLong()
                : null);
    return new Entry("VSwitch", vSwitch.id(), vSwitch);
  }

  private static Entry instanceType(JsonNode t) {
    InstanceType type = KubeObjects.instanceType(t);
    return new Entry("InstanceType", type.id(), type);
  }

  private void keep(String file, Entry e) {
    if (e.value() == null) {
      skipped.merge(e.kind(), 1, Integer::sum);
      return;
    }
    String name = e.kind() + " " + e.id();
    String earlier = definedIn.put(name, file);
    if (earlier != null) {
      redefined.computeIfAbsent(List.of(earlier, file), k -> new ArrayList<>()).add(name);
    }
    objects.computeIfAbsent(e.kind(), k -> new LinkedHashMap<>()).put(e.id(), e.value());
  }

  private List<String> warnings() {
    List<String> out = new ArrayList<>();
    redefined.forEach(
        (files, names) -> {
          String which =
              String.join(", ", names.subList(0, Math.min(names.size(), NAMES_PER_WARNING)))
                  + (names.size() > NAMES_PER_WARNING
                      ? " and " + (names.size() - NAMES_PER_WARNING) + " more"
                      : "");
          String where =
              files.get(0).equals(files.get(1))
                  ? "defined twice in " + files.get(0)
                  : "defined in " + files.get(0) + " and again in " + files.get(1);
          out.add(
              names.size()
                  + " object(s) "
                  + where
                  + " ("
                  + which
                  + "); the definition read last is used");
        });
    return out;
  }

  private <T> List<T> values(String kind, Class<T> type) {
    return objects.getOrDefault(kind, Map.of()).values().stream().map(type::cast).toList();
  }

  private ClusterSnapshot snapshot(Instant takenAt) {
    Map<String, EniConfigs.Source> eniConfs = new LinkedHashMap<>();
    for (ConfigMapData cm : values("ConfigMap", ConfigMapData.class)) {
      if (cm.eniConf() != null) {
        eniConfs.put(cm.name(), cm.eniConf());
      }
    }
    EniConfigs.Effective configs = EniConfigs.effective(eniConfs);
    return ClusterSnapshot.of(
        takenAt,
        values("Node", NodeView.class),
        values("Namespace", NamespaceView.class),
        values("Pod", PodView.class),
        values("PodNetworking", PodNetworking.class),
        values("PodENI", PodEni.class),
        values("VSwitch", VSwitch.class),
        values("InstanceType", InstanceType.class),
        configs.base(),
        configs.overrides());
  }
}
