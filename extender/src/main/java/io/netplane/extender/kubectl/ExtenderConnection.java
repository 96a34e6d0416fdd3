package io.netplane.extender.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A connection to the running extender: through a Kubernetes port-forward to the active extender
 * pod (the API server authorises it: RBAC {@code create pods/portforward}), which reaches the pod's
 * 127.0.0.1 where the extender listens, or to a URL given with {@code --extender-url}. Decision
 * data never travels unauthenticated outside the pod.
 */
final class ExtenderConnection implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Answers larger than this are refused: a cluster's inventory is a few MB at most. */
  private static final int MAX_BODY_BYTES = 64 << 20;

  private final URI base;
  private final ActiveExtender.Target target;
  private final LocalPortForward forward;
  private final ExtenderOptions options;
  private final HttpClient http;

  private ExtenderConnection(
      URI base, ActiveExtender.Target target, LocalPortForward forward, ExtenderOptions options) {
    this.base = base;
    this.target = target;
    this.forward = forward;
    this.options = options;
    // HTTP/1.1: the extender speaks it, and an h2c upgrade attempt only costs a round trip
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(options.timeout)
            .build();
  }

  /** An answer of the extender. */
  record Reply(int status, String body) {
    boolean ok() {
      return status == 200;
    }

    /** The {@code error} of an error answer, else its body. */
    String error() {
      try {
        JsonNode tree = JSON.readTree(body);
        if (tree != null && tree.path("error").isTextual()) {
          return tree.path("error").asText();
        }
      } catch (IOException e) {
        // not JSON: the body as it is
      }
      return body.strip();
    }
  }

  /** The extender did not answer as asked. */
  static final class ExtenderException extends RuntimeException {
    ExtenderException(String message) {
      super(message);
    }
  }

  /**
   * Connects to {@code --extender-url}, or port-forwards to the active extender pod.
   *
   * @throws IllegalStateException when no active extender can be found
   */
  static ExtenderConnection open(KubernetesClient kube, ExtenderOptions options) {
    if (options.url != null) {
      String scheme = options.url.getScheme();
      if (!"http".equals(scheme) && !"https".equals(scheme)) {
        throw new IllegalArgumentException(
            "--extender-url must be an http or https URL, got '" + options.url + "'");
      }
      return new ExtenderConnection(options.url, null, null, options);
    }
    return open(kube, options, netplanePods(kube, options));
  }

  /**
   * Port-forwards to the active one of these extender pods, or connects to {@code --extender-url}.
   */
  static ExtenderConnection open(KubernetesClient kube, ExtenderOptions options, List<Pod> pods) {
    if (options.url != null) {
      return open(kube, options);
    }
    ActiveExtender.Target target =
        ActiveExtender.choose(pods, options.settings(), (ns, name) -> lease(kube, ns, name));
    LocalPortForward forward =
        kube.pods()
            .inNamespace(target.namespace())
            .withName(target.name())
            .portForward(target.port());
    return new ExtenderConnection(
        URI.create("http://127.0.0.1:" + forward.getLocalPort()), target, forward, options);
  }

  static Lease lease(KubernetesClient kube, String ns, String name) {
    return kube.leases().inNamespace(ns).withName(name).get();
  }

  /**
   * netplane's pods: in {@code --netplane-namespace}, or those {@code --selector} finds in every
   * namespace, which must all be in one.
   */
  static List<Pod> netplanePods(KubernetesClient kube, ExtenderOptions options) {
    List<Pod> pods =
        (options.namespace != null
                ? kube.pods().inNamespace(options.namespace)
                : kube.pods().inAnyNamespace())
            .withLabelSelector(options.selector)
            .list()
            .getItems();
    TreeSet<String> namespaces = ActiveExtender.namespaces(pods);
    if (namespaces.isEmpty()) {
      throw new IllegalStateException(
          "no netplane extender pod (label "
              + options.selector
              + ") in "
              + (options.namespace != null ? "namespace " + options.namespace : "any namespace")
              + ": is netplane installed? (--netplane-namespace, --selector)");
    }
    if (namespaces.size() > 1) {
      throw new IllegalStateException(
          "netplane extender pods in several namespaces "
              + namespaces
              + ": choose one with --netplane-namespace");
    }
    return pods;
  }

  /** The pod asked, or null with {@code --extender-url}. */
  ActiveExtender.Target target() {
    return target;
  }

  /** Where answers come from, for messages. */
  String where() {
    return target == null
        ? base.toString()
        : "extender pod " + target.namespace() + "/" + target.name() + " (" + target.why() + ")";
  }

  /** GET {@code pathAndQuery} (starting with '/'); a status other than 200 is a reply too. */
  Reply get(String pathAndQuery) {
    URI uri = URI.create(base.toString().replaceAll("/+$", "") + pathAndQuery);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(options.timeout).GET().build();
    try {
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
          throw new ExtenderException(
              where()
                  + ": answer to "
                  + pathAndQuery
                  + " larger than "
                  + MAX_BODY_BYTES
                  + " bytes");
        }
        return new Reply(response.statusCode(), new String(body, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new ExtenderException(
          "cannot reach "
              + where()
              + ": "
              + (e.getMessage() != null ? e.getMessage() : e)
              + forwardError());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExtenderException("interrupted while asking " + where());
    }
  }

  /** Why the port-forward failed, as the API server or kubelet said it, or "". */
  private String forwardError() {
    if (forward == null || !forward.errorOccurred()) {
      return "";
    }
    return Stream.concat(
            forward.getServerThrowables().stream(), forward.getClientThrowables().stream())
        .map(t -> t.getMessage() != null ? t.getMessage() : t.toString())
        .findFirst()
        .map(m -> " (port-forward: " + m.replaceAll("\\R", " ") + ")")
        .orElse("");
  }

  /**
   * GET a JSON answer.
   *
   * @throws ExtenderException when the status is not 200 or the body not JSON
   */
  JsonNode getJson(String pathAndQuery) {
    return json(get(pathAndQuery), pathAndQuery);
  }

  /**
   * The JSON of a reply to {@code pathAndQuery}.
   *
   * @throws ExtenderException when the status is not 200 or the body not JSON
   */
  JsonNode json(Reply reply, String pathAndQuery) {
    if (!reply.ok()) {
      throw new ExtenderException(where() + " answered " + reply.status() + ": " + reply.error());
    }
    try {
      return JSON.readTree(reply.body());
    } catch (IOException e) {
      throw new ExtenderException(where() + ": " + pathAndQuery + " answered no JSON");
    }
  }

  @Override
  public void close() {
    if (forward != null) {
      try {
        forward.close();
      } catch (IOException e) {
        // the local port is released with the process anyway
      }
    }
  }
}
