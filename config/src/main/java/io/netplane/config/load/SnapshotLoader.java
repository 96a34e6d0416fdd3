package io.netplane.config.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.InstanceType;
import io.netplane.config.model.NamespaceView;
import io.netplane.config.model.NodeView;
import io.netplane.config.model.PodEni;
import io.netplane.config.model.PodNetworking;
import io.netplane.config.model.PodView;
import io.netplane.config.model.VSwitch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
 * Reads a static snapshot: a directory, searched recursively, of {@code .yaml}/{@code .yml}/
 * {@code .json} files holding Kubernetes objects as {@code kubectl get -o yaml|json} prints them
 * (multi-document and {@code List} kinds included) and Alibaba Cloud OpenAPI responses of
 * DescribeVSwitches and DescribeInstanceTypes. Files are recognised by content, never by name.
 */
public final class SnapshotLoader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory());

  private final List<NodeView> nodes = new ArrayList<>();
  private final List<NamespaceView> namespaces = new ArrayList<>();
  private final List<PodView> pods = new ArrayList<>();
  private final List<PodNetworking> podNetworkings = new ArrayList<>();
  private final List<PodEni> podEnis = new ArrayList<>();
  private final Map<String, VSwitch> vSwitches = new LinkedHashMap<>();
  private final Map<String, InstanceType> instanceTypes = new LinkedHashMap<>();
  private final Map<String, JsonNode> eniConfs = new LinkedHashMap<>();
  private final Map<String, Integer> loaded = new TreeMap<>();
  private final Map<String, Integer> skipped = new TreeMap<>();

  private SnapshotLoader() {}

  /** Loads {@code dir}; TTLs are evaluated at {@code takenAt}. */
  public static LoadReport load(Path dir, Instant takenAt) {
    if (!Files.isDirectory(dir)) {
      throw new SnapshotLoadException(dir, "not a directory", null);
    }
    SnapshotLoader loader = new SnapshotLoader();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).filter(SnapshotLoader::readable).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path f : files) {
      loader.readFile(f);
    }
    return new LoadReport(loader.snapshot(takenAt), files.size(), loader.loaded, loader.skipped);
  }

  private static boolean readable(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  private void readFile(Path file) {
    ObjectMapper mapper = file.toString().toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
    try (JsonParser parser = mapper.getFactory().createParser(file.toFile());
        MappingIterator<JsonNode> docs = mapper.readValues(parser, JsonNode.class)) {
      while (docs.hasNextValue()) {
        JsonNode doc = docs.nextValue();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          readDocument(file, doc);
        }
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
      throw new SnapshotLoadException(file, where + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new SnapshotLoadException(file, e.getMessage(), e);
    } catch (RuntimeException e) {
      if (e instanceof SnapshotLoadException) {
        throw e;
      }
      throw new SnapshotLoadException(file, e.getMessage(), e);
    }
  }

  private void readDocument(Path file, JsonNode doc) {
    if (!doc.isObject()) {
      throw new SnapshotLoadException(file, "a document is not an object", null);
    }
    String kind = doc.path("kind").asText("");
    if (!kind.isEmpty() && doc.has("apiVersion")) {
      if (doc.path("items").isArray() && kind.endsWith("List")) {
        doc.path("items").forEach(item -> readDocument(file, item));
      } else {
        readObject(kind, doc);
      }
    } else if (doc.path("VSwitches").path("VSwitch").isArray()) {
      doc.path("VSwitches").path("VSwitch").forEach(this::readVSwitch);
    } else if (doc.path("InstanceTypes").path("InstanceType").isArray()) {
      doc.path("InstanceTypes").path("InstanceType").forEach(this::readInstanceType);
    } else {
      count(skipped, kind.isEmpty() ? "(unrecognised document)" : kind);
    }
  }

  private void readObject(String kind, JsonNode o) {
    String group = o.path("apiVersion").asText();
    boolean terway = group.startsWith("network.alibabacloud.com/");
    switch (kind) {
      case "Node" -> nodes.add(KubeObjects.node(o));
      case "Namespace" -> namespaces.add(KubeObjects.namespace(o));
      case "Pod" -> pods.add(KubeObjects.pod(o));
      case "ConfigMap" -> readConfigMap(o);
      case "PodNetworking" -> {
        if (!terway) {
          count(skipped, kind);
          return;
        }
        podNetworkings.add(KubeObjects.podNetworking(o));
      }
      case "PodENI" -> {
        if (!terway) {
          count(skipped, kind);
          return;
        }
        podEnis.add(KubeObjects.podEni(o));
      }
      default -> {
        count(skipped, kind);
        return;
      }
    }
    count(loaded, kind);
  }

  private void readConfigMap(JsonNode o) {
    String ns = o.path("metadata").path("namespace").asText("");
    String name = o.path("metadata").path("name").asText();
    JsonNode conf = o.path("data").path("eni_conf");
    if ("kube-system".equals(ns) && conf.isTextual()) {
      eniConfs.put(name, EniConfigs.parse("kube-system/" + name, conf.asText()));
    }
  }

  private void readVSwitch(JsonNode v) {
    vSwitches.put(
        v.path("VSwitchId").asText(),
        new VSwitch(
            v.path("VSwitchId").asText(),
            v.path("ZoneId").asText(),
            v.path("CidrBlock").asText(""),
            v.path("VpcId").asText(""),
            v.path("AvailableIpAddressCount").isNumber()
                ? v.path("AvailableIpAddressCount").asLong()
                : null));
    count(loaded, "VSwitch");
  }

  private void readInstanceType(JsonNode t) {
    instanceTypes.put(
        t.path("InstanceTypeId").asText(),
        new InstanceType(
            t.path("InstanceTypeId").asText(),
            t.path("EniQuantity").asInt(),
            t.path("EniPrivateIpAddressQuantity").asInt(),
            t.path("EniTotalQuantity").asInt(),
            t.path("EniTrunkSupported").asBoolean(false)));
    count(loaded, "InstanceType");
  }

  private ClusterSnapshot snapshot(Instant takenAt) {
    EniConfigs.Effective configs = EniConfigs.effective(eniConfs);
    return ClusterSnapshot.of(
        takenAt,
        nodes,
        namespaces,
        pods,
        podNetworkings,
        podEnis,
        new ArrayList<>(vSwitches.values()),
        new ArrayList<>(instanceTypes.values()),
        configs.base(),
        configs.overrides());
  }

  private static void count(Map<String, Integer> m, String kind) {
    m.merge(kind, 1, Integer::sum);
  }
}
