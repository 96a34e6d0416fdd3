package io.netplane.extender.e2e;

import static io.netplane.extender.e2e.Fixtures.ZONE_H;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A pod that passed the filter but is never bound keeps its IP held; the pods rejected meanwhile
 * must be retried as soon as that hold ends, not minutes later: kube-scheduler sees no event when a
 * pod it never bound is deleted.
 */
class HoldReleaseE2E extends E2EBase {
  private static final Duration PROMPTLY = Duration.ofSeconds(20);

  @Test
  void aPodKeptOutByTheHoldOfAPodDeletedBeforeItsBindingIsBoundWithinSeconds() throws Exception {
    List<String> nodes = createNodes(node("h1", ZONE_H), node("h2", ZONE_H));
    String vsw = vSwitch("h", ZONE_H, 1);
    podNetworking("held", "Default", "Elastic", Map.of("app", "held"), vsw);
    // left to another scheduler, which asks netplane as kube-scheduler would and then never binds
    // it
    Pod holder = createPod(pod("holder").label("app", "held").schedulerName("another-scheduler"));
    extender.awaitSnapshot(
        "holder pod seen", s -> s.pods().stream().anyMatch(p -> p.name().equals("holder")));
    assertThat(filter(holder, nodes).path("NodeNames"))
        .as("the holder passes and holds the only free IP")
        .hasSize(2);

    createPod(pod("waiter").label("app", "held"));
    awaitFailedScheduling("waiter", "netplane: VSwitchesExhausted zone=" + ZONE_H);
    assertThat(nodeOf("waiter")).isNull();

    kube.pods().inNamespace(ns).withName("holder").delete();

    // kube-scheduler's backoff is at most 10 s; without a retry the pod would wait for its 5-minute
    // flush
    await("waiter bound after the holder's deletion")
        .atMost(PROMPTLY)
        .until(() -> nodeOf("waiter") != null);
    PodCondition retried =
        kube.pods().inNamespace(ns).withName("waiter").get().getStatus().getConditions().stream()
            .filter(c -> c.getType().equals("netplane.io/IPHoldReleased"))
            .findFirst()
            .orElseThrow();
    assertThat(retried.getMessage()).contains(vsw);
    assertThat(kube.pods().inNamespace(ns).withName("waiter").get().getStatus().getConditions())
        .as("the scheduler's own condition is kept")
        .anyMatch(c -> c.getType().equals("PodScheduled"));
  }

  /** POST /filter for the pod, as a scheduler configured with netplane would. */
  private JsonNode filter(Pod pod, List<String> nodes) throws Exception {
    String body = kube.getKubernetesSerialization().asJson(Map.of("Pod", pod, "NodeNames", nodes));
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(cluster.extenderUrl() + "/filter"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return kube.getKubernetesSerialization()
        .convertValue(
            kube.getKubernetesSerialization().unmarshal(response.body(), Map.class),
            JsonNode.class);
  }
}
