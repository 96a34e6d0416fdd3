package io.netplane.extender.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.netplane.config.cloud.fake.FakeAlibabaCloud;
import io.netplane.config.e2e.LocalControlPlane;
import io.netplane.config.fixtures.KubeFixtures;
import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.PodNetworking;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared set-up of the end-to-end tests: the local control plane (once per run), and per test class
 * a fake Alibaba Cloud plus the netplane extender in live mode on the port kube-scheduler calls.
 * Each test gets its own namespace and labels every cluster-scoped object it creates, and
 * everything is deleted after it, so tests do not see each other's nodes.
 *
 * <p>No kubelet and no controller-manager run: nodes are plain Node objects with their status
 * written through the status subresource, pods stay Pending once bound (and get no IP unless a test
 * writes one, so the extender counts them as in-flight reservations), namespaces are finalized by
 * hand.
 */
@ExtendWith(LocalControlPlane.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
abstract class E2EBase {
  private static final Logger LOG = LoggerFactory.getLogger(E2EBase.class);
  private static final AtomicInteger SEQ = new AtomicInteger();
  static final Duration WAIT = Duration.ofSeconds(60);

  protected LocalControlPlane.Cluster cluster;
  protected KubernetesClient kube;
  protected FakeAlibabaCloud cloud;
  protected NetplaneExtender extender;

  /** Unique per test: labels cluster-scoped objects, prefixes their names. */
  protected String testId;

  /** The test's namespace. */
  protected String ns;

  @BeforeAll
  void startExtender(LocalControlPlane.Cluster cluster) {
    this.cluster = cluster;
    this.kube = cluster.client();
    kube.configMaps()
        .inNamespace("kube-system")
        .resource(KubeFixtures.eniConfig("eni-config", Fixtures.baseEniConf()))
        .serverSideApply();
    cloud = FakeAlibabaCloud.start(Fixtures.REGION);
    Fixtures.seedCloud(cloud);
    extender = serve();
  }

  /**
   * Starts what kube-scheduler calls on {@code cluster.extenderPort()}: one extender in live mode,
   * unless a test class serves it otherwise. The one returned is the one tests wait for.
   */
  protected NetplaneExtender serve() {
    return NetplaneExtender.withCloud(cluster, cloud);
  }

  @AfterAll
  void stopExtender() {
    if (extender != null) {
      extender.close();
    }
    if (cloud != null) {
      cloud.close();
    }
  }

  @BeforeEach
  void newTest(TestInfo info) {
    String method = info.getTestMethod().map(m -> m.getName()).orElse("t");
    testId = "t" + SEQ.incrementAndGet() + "-" + abbreviate(method);
    ns = "e2e-" + testId;
    kube.namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(ns)
                .addToLabels(Fixtures.TEST_LABEL, testId)
                .endMetadata()
                .build())
        .create();
    LOG.info("=== {} in namespace {}", info.getDisplayName(), ns);
  }

  @AfterEach
  void cleanUp() {
    // No kubelet confirms termination: delete pods at once.
    kube.pods().inNamespace(ns).withGracePeriod(0).delete();
    kube.genericKubernetesResources(Fixtures.POD_ENIS).inNamespace(ns).delete();
    kube.apps().statefulSets().inNamespace(ns).delete();
    kube.nodes().withLabel(Fixtures.TEST_LABEL, testId).delete();
    kube.genericKubernetesResources(Fixtures.POD_NETWORKINGS)
        .withLabel(Fixtures.TEST_LABEL, testId)
        .delete();
    kube.configMaps().inNamespace("kube-system").withLabel(Fixtures.TEST_LABEL, testId).delete();
    await("pods of " + ns + " gone")
        .atMost(WAIT)
        .until(() -> kube.pods().inNamespace(ns).list().getItems().isEmpty());
    kube.v1().events().inNamespace(ns).delete();
    deleteNamespace(ns);
    await("nodes of " + testId + " gone")
        .atMost(WAIT)
        .until(
            () -> kube.nodes().withLabel(Fixtures.TEST_LABEL, testId).list().getItems().isEmpty());
    // the next test starts from a snapshot without this test's pods (and their reservations)
    extender.awaitSnapshot(
        "cleanup of " + ns,
        s ->
            s.pods().stream().noneMatch(p -> p.namespace().equals(ns))
                && s.nodes().keySet().stream().noneMatch(n -> n.startsWith(testId + "-")));
    LOG.info("=== cleaned up {}", ns);
  }

  /**
   * Without the namespace controller a deleted namespace stays Terminating forever; its content is
   * gone already, so finalize it the way that controller would.
   */
  private void deleteNamespace(String name) {
    kube.namespaces().withName(name).delete();
    String url =
        kube.getMasterUrl().toString().replaceAll("/$", "")
            + "/api/v1/namespaces/"
            + name
            + "/finalize";
    String body =
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\""
            + name
            + "\"},\"spec\":{\"finalizers\":[]}}";
    try {
      kube.raw(url, "PUT", body);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
    await("namespace " + name + " gone")
        .atMost(WAIT)
        .until(() -> kube.namespaces().withName(name).get() == null);
  }

  // ------------------------------------------------------------------ creating objects

  /** A node name unique to this test. */
  protected String nodeName(String suffix) {
    return testId + "-" + suffix;
  }

  /**
   * Creates the nodes (spec, then status through the subresource) and waits until netplane sees
   * them.
   */
  protected List<String> createNodes(Fixtures.NodeSpec... specs) {
    for (Fixtures.NodeSpec spec : specs) {
      kube.nodes().resource(spec.object(testId)).create();
      kube.nodes()
          .withName(spec.name)
          .editStatus(n -> new NodeBuilder(n).withStatus(spec.status()).build());
    }
    List<String> names = Arrays.stream(specs).map(s -> s.name).toList();
    extender.awaitSnapshot("nodes " + names, s -> s.nodes().keySet().containsAll(names));
    return names;
  }

  protected Fixtures.NodeSpec node(String suffix, String zone) {
    return new Fixtures.NodeSpec(nodeName(suffix), zone);
  }

  /** A vSwitch in the fake cloud's VPC. */
  protected String vSwitch(String suffix, String zone, long freeIps) {
    String id = "vsw-" + testId + "-" + suffix;
    cloud.addVSwitch(
        id,
        zone,
        "172.16." + Math.floorMod(id.hashCode(), 250) + ".0/24",
        NetplaneExtender.VPC,
        freeIps);
    return id;
  }

  /**
   * Creates a PodNetworking selecting pods with these labels in the test's namespace, sets the
   * status Terway's controller would (Ready, vSwitch zones), and waits until netplane sees it Ready
   * with the free IPs of its vSwitches.
   */
  protected String podNetworking(
      String suffix,
      String eniType,
      String allocation,
      Map<String, String> podLabels,
      String... vSwitchIds) {
    String name = readyPodNetworking(suffix, eniType, allocation, podLabels, vSwitchIds);
    List<String> ids = List.of(vSwitchIds);
    extender.awaitSnapshot(
        "PodNetworking " + name + " Ready with vSwitches " + ids,
        s ->
            s.podNetworkings().stream().anyMatch(pn -> pn.name().equals(name) && pn.ready())
                && ids.stream()
                    .allMatch(
                        id ->
                            s.vSwitches().containsKey(id)
                                && s.vSwitches().get(id).availableIps() != null));
    return name;
  }

  /** Creates a PodNetworking with the status Terway's controller would set; waits for nothing. */
  protected String readyPodNetworking(
      String suffix,
      String eniType,
      String allocation,
      Map<String, String> podLabels,
      String... vSwitchIds) {
    String name = testId + "-" + suffix;
    List<String> ids = List.of(vSwitchIds);
    kube.genericKubernetesResources(Fixtures.POD_NETWORKINGS)
        .resource(Fixtures.podNetworking(testId, name, eniType, allocation, podLabels, ns, ids))
        .create();
    kube.genericKubernetesResources(Fixtures.POD_NETWORKINGS)
        .withName(name)
        .subresource("status")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            kube.getKubernetesSerialization()
                .asJson(Fixtures.podNetworkingReadyStatus(cloud, ids)));
    return name;
  }

  protected Pod createPod(Fixtures.PodSpec spec) {
    return kube.pods().inNamespace(ns).resource(spec.object()).create();
  }

  protected Fixtures.PodSpec pod(String name) {
    return new Fixtures.PodSpec(ns, name);
  }

  /**
   * Creates pods {@code app-from} .. {@code app-(from+count-1)} labelled {@code app}, each asking
   * for a member ENI, at once from as many threads as pods; returns their names.
   */
  protected List<String> burst(String app, int from, int count) {
    List<String> names = IntStream.range(from, from + count).mapToObj(i -> app + "-" + i).toList();
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try {
      List<CompletableFuture<Void>> creates =
          names.stream()
              .map(
                  name ->
                      CompletableFuture.runAsync(
                          () -> createPod(pod(name).label("app", app).memberEni()), pool))
              .toList();
      creates.forEach(CompletableFuture::join);
    } finally {
      pool.shutdown();
    }
    return names;
  }

  /**
   * Waits until {@code count} pods of the namespace are bound, and asserts no more bind over 5 s of
   * retries.
   */
  protected void awaitExactlyBound(int count) {
    await(count + " pods bound").atMost(WAIT).until(() -> boundPods().size() >= count);
    await("no more than " + count + " bound")
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(15))
        .until(() -> boundPods().size() <= count);
    assertThat(boundPods()).hasSize(count);
  }

  /** Sets a vSwitch's free IPs in the cloud and waits until netplane has refreshed them. */
  protected void setFreeIps(String vSwitchId, long free) {
    cloud.vSwitch(vSwitchId).availableIps(free);
    extender.awaitSnapshot(
        vSwitchId + " with " + free + " free IPs",
        s ->
            s.vSwitches().containsKey(vSwitchId)
                && Objects.equals(s.vSwitches().get(vSwitchId).availableIps(), free));
  }

  /**
   * A cluster event. kube-scheduler retries a pod an extender rejected on the next cluster event
   * (or after 5 minutes); free IPs coming back in the cloud is not one. In a real cluster node and
   * pod updates are constant; here nothing else happens, so a test makes one.
   */
  protected void touchNode(String node) {
    kube.nodes()
        .withName(node)
        .edit(
            n ->
                new NodeBuilder(n)
                    .editMetadata()
                    .addToAnnotations("e2e.netplane.io/touched", Instant.now().toString())
                    .endMetadata()
                    .build());
  }

  // ------------------------------------------------------------------ observing

  protected String nodeOf(String pod) {
    Pod p = kube.pods().inNamespace(ns).withName(pod).get();
    return p == null ? null : p.getSpec().getNodeName();
  }

  /** Waits until kube-scheduler bound the pod; returns the node. */
  protected String awaitBound(String pod) {
    await("pod " + ns + "/" + pod + " bound").atMost(WAIT).until(() -> nodeOf(pod) != null);
    return nodeOf(pod);
  }

  protected String zoneOf(String node) {
    Node n = kube.nodes().withName(node).get();
    return n.getMetadata().getLabels().get("topology.kubernetes.io/zone");
  }

  /** Messages of the FailedScheduling events of a pod, oldest first. */
  protected List<String> failedScheduling(String pod) {
    return kube.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(
            e ->
                "FailedScheduling".equals(e.getReason())
                    && pod.equals(e.getInvolvedObject().getName()))
        .sorted(java.util.Comparator.comparing(E2EBase::eventTime))
        .map(Event::getMessage)
        .toList();
  }

  private static String eventTime(Event e) {
    return Objects.toString(
        e.getEventTime() != null ? e.getEventTime().getTime() : e.getLastTimestamp(), "");
  }

  /**
   * Waits for a FailedScheduling event of the pod whose message contains all the fragments; returns
   * it.
   */
  protected String awaitFailedScheduling(String pod, String... fragments) {
    await("FailedScheduling of " + pod + " containing " + Arrays.toString(fragments))
        .atMost(WAIT)
        .until(
            () ->
                failedScheduling(pod).stream()
                    .anyMatch(m -> Arrays.stream(fragments).allMatch(m::contains)));
    return failedScheduling(pod).stream()
        .filter(m -> Arrays.stream(fragments).allMatch(m::contains))
        .findFirst()
        .orElseThrow();
  }

  /** Asserts the pods stay unbound for a while (kube-scheduler retries with backoff meanwhile). */
  protected void assertStaysPending(Duration during, String... pods) {
    await("pods " + Arrays.toString(pods) + " stay Pending")
        .during(during)
        .atMost(during.plusSeconds(10))
        .until(() -> Arrays.stream(pods).allMatch(p -> nodeOf(p) == null));
  }

  /** Bound pods of the namespace by node. */
  protected Map<String, String> boundPods() {
    return kube.pods().inNamespace(ns).list().getItems().stream()
        .filter(p -> p.getSpec().getNodeName() != null)
        .collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p.getSpec().getNodeName()));
  }

  protected Set<String> zonesOf(java.util.Collection<String> nodes) {
    return nodes.stream().map(this::zoneOf).collect(Collectors.toSet());
  }

  protected PodNetworking netplaneView(String podNetworking) {
    ClusterSnapshot s = extender.snapshot();
    return s.podNetworkings().stream()
        .filter(pn -> pn.name().equals(podNetworking))
        .findFirst()
        .orElse(null);
  }

  protected static void assertZone(String what, String zone, String... allowed) {
    assertThat(zone).as(what).isIn((Object[]) allowed);
  }

  private static String abbreviate(String method) {
    String s = method.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    return s.length() > 30 ? s.substring(0, 30).replaceAll("-$", "") : s;
  }
}
