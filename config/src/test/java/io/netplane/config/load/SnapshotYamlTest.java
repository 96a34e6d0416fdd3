package io.netplane.config.load;

import static io.netplane.config.load.SnapshotLoaderTest.TAKEN_AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.NodeView;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** YAML as kubectl and sigs.k8s.io/yaml read it: any size, anchors, aliases and merge keys. */
class SnapshotYamlTest {
  @TempDir Path dir;

  private ClusterSnapshot load(String yaml) throws IOException {
    Files.writeString(dir.resolve("snapshot.yaml"), yaml);
    return SnapshotLoader.load(dir, TAKEN_AT).snapshot();
  }

  /** A kubectl List whose items, one document, may share anchors. */
  private ClusterSnapshot loadList(String items) throws IOException {
    return load("apiVersion: v1\nkind: List\nitems:\n" + items);
  }

  @Test
  void mergeKeyGivesANodeTheZoneLabelOfItsAnchor() throws IOException {
    ClusterSnapshot s =
        loadList(
            """
            - apiVersion: v1
              kind: Node
              metadata:
                name: node-a
                labels: &pool-h
                  topology.kubernetes.io/zone: cn-hangzhou-h
                  node.kubernetes.io/instance-type: ecs.g7.xlarge
            - apiVersion: v1
              kind: Node
              metadata:
                name: node-b
                labels:
                  <<: *pool-h
                  node.kubernetes.io/instance-type: ecs.g7.2xlarge
            """);

    NodeView b = s.nodes().get("node-b");
    assertThat(b.zone()).isEqualTo("cn-hangzhou-h");
    assertThat(b.instanceType()).isEqualTo("ecs.g7.2xlarge");
    assertThat(b.labels()).doesNotContainKey("<<");
    assertThat(s.nodes().get("node-a").instanceType()).isEqualTo("ecs.g7.xlarge");
  }

  @Test
  void keysOfTheMappingWinOverMergedOnesAndEarlierMergesOverLater() throws IOException {
    ClusterSnapshot s =
        load(
            """
            apiVersion: v1
            kind: Node
            x-label-sets:
            - &zone-h {topology.kubernetes.io/zone: cn-hangzhou-h, team: a}
            - &zone-i {topology.kubernetes.io/zone: cn-hangzhou-i, team: b, tier: web}
            metadata:
              name: node-a
              labels:
                team: mine
                <<: [*zone-h, *zone-i]
            """);

    assertThat(s.nodes().get("node-a").labels())
        .containsEntry("topology.kubernetes.io/zone", "cn-hangzhou-h")
        .containsEntry("team", "mine")
        .containsEntry("tier", "web");
  }

  @Test
  void aliasesOfScalarsAndSequencesAreResolved() throws IOException {
    ClusterSnapshot s =
        loadList(
            """
            - apiVersion: v1
              kind: Pod
              metadata: {name: a, namespace: apps}
              spec:
                nodeName: &node node-h
                containers: &containers
                - name: app
                  resources: {requests: {aliyun/member-eni: "1"}}
            - apiVersion: v1
              kind: Pod
              metadata: {name: b, namespace: apps}
              spec:
                nodeName: *node
                containers: *containers
            """);

    assertThat(s.pod("apps", "b").nodeName()).isEqualTo("node-h");
    assertThat(s.pod("apps", "b").memberEniRequest()).isEqualTo(1);
  }

  @Test
  void aQuotedLessLessKeyIsAnOrdinaryKey() throws IOException {
    ClusterSnapshot s =
        load("apiVersion: v1\nkind: Node\nmetadata:\n  name: node-a\n  labels: {'<<': x}\n");

    assertThat(s.nodes().get("node-a").labels()).containsEntry("<<", "x");
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void aliasBombIsAnErrorNamingTheLimit() throws IOException {
    StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i <= 9; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [");
      yaml.append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1))))
          .append("]\n");
    }

    assertThatThrownBy(() -> load(yaml.toString()))
        .isInstanceOf(SnapshotLoadException.class)
        .hasMessageContaining("snapshot.yaml")
        .hasMessageContaining("aliases in this document stand for more than 10000000 nodes")
        // a6 holds ten copies of a5, over a million nodes each
        .hasMessageContaining("line 7");
  }

  @Test
  void anAliasWithoutItsAnchorIsAnError() {
    assertThatThrownBy(
            () -> load("apiVersion: v1\nkind: Node\nmetadata: {name: node-a, labels: *nope}\n"))
        .isInstanceOf(SnapshotLoadException.class)
        .hasMessageContaining("snapshot.yaml: line 3")
        .hasMessageContaining("*nope");
  }

  @Test
  void aMergeKeyOnAScalarIsAnError() {
    assertThatThrownBy(
            () ->
                load(
                    "apiVersion: v1\nkind: Node\nmetadata:\n  name: node-a\n  labels: {<<: zone-h}\n"))
        .isInstanceOf(SnapshotLoadException.class)
        .hasMessageContaining("line 5")
        .hasMessageContaining("<< merge key takes a mapping");
  }

  @Test
  void nestingDeeperThanTheLimitIsAnError() {
    String deep =
        "a: " + "[".repeat(YamlDocuments.MAX_DEPTH) + "]".repeat(YamlDocuments.MAX_DEPTH) + "\n";

    assertThatThrownBy(() -> load(deep))
        .isInstanceOf(SnapshotLoadException.class)
        .hasMessageContaining("line 1, column " + (3 + YamlDocuments.MAX_DEPTH))
        .hasMessageContaining("nested more than 1000 levels deep");
  }

  @Test
  void aHundredMebibyteKubectlPodListLoads() throws IOException {
    Path file = dir.resolve("pods.yaml");
    long size = 100L << 20;
    int pods = writePodList(file, size);
    assertThat(Files.size(file)).isGreaterThanOrEqualTo(size);

    LoadReport r = SnapshotLoader.load(dir, TAKEN_AT);

    assertThat(r.loaded()).isEqualTo(java.util.Map.of("Pod", pods));
    assertThat(r.snapshot().pods()).hasSize(pods);
    int last = pods - 1;
    assertThat(r.snapshot().pod("ns-" + last % 50, "web-" + last).nodeName())
        .isEqualTo("node-" + last % 500);
    assertThat(r.snapshot().pod("ns-" + last % 50, "web-" + last).memberEniRequest()).isEqualTo(1);
  }

  /** A pod list as {@code kubectl get pods -A -o yaml} prints it, at least {@code bytes} long. */
  private static int writePodList(Path file, long bytes) throws IOException {
    String pod =
        """
        - apiVersion: v1
          kind: Pod
          metadata:
            annotations:
              kubectl.kubernetes.io/restartedAt: "2025-05-30T08:00:00Z"
              k8s.aliyun.com/pod-networking: pn-web
            creationTimestamp: "2025-05-30T08:00:00Z"
            generateName: web-7d9f8-
            labels:
              app: web
              pod-template-hash: 7d9f8
            name: web-$I
            namespace: ns-$NS
            ownerReferences:
            - apiVersion: apps/v1
              blockOwnerDeletion: true
              controller: true
              kind: ReplicaSet
              name: web-7d9f8
              uid: 0f9c1d2e-3b4a-4c5d-8e6f-7a8b9c0d1e2f
            resourceVersion: "123456$I"
            uid: 6a1b2c3d-4e5f-4a6b-8c7d-$I
          spec:
            containers:
            - env:
              - name: LOG_LEVEL
                value: info
              - name: POD_NAME
                valueFrom:
                  fieldRef:
                    apiVersion: v1
                    fieldPath: metadata.name
              image: registry.cn-hangzhou.aliyuncs.com/acme/web:1.2.3
              imagePullPolicy: IfNotPresent
              name: web
              ports:
              - containerPort: 8080
                name: http
                protocol: TCP
              readinessProbe:
                failureThreshold: 3
                httpGet: {path: /healthz, port: http, scheme: HTTP}
                periodSeconds: 10
              resources:
                limits: {aliyun/member-eni: "1", cpu: "1", memory: 1Gi}
                requests: {aliyun/member-eni: "1", cpu: 250m, memory: 256Mi}
              terminationMessagePath: /dev/termination-log
              volumeMounts:
              - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
                name: kube-api-access-x7k2p
                readOnly: true
            dnsPolicy: ClusterFirst
            nodeName: node-$NODE
            restartPolicy: Always
            schedulerName: default-scheduler
            serviceAccountName: default
            tolerations:
            - effect: NoExecute
              key: node.kubernetes.io/not-ready
              operator: Exists
              tolerationSeconds: 300
          status:
            conditions:
            - lastTransitionTime: "2025-05-30T08:00:05Z"
              status: "True"
              type: Ready
            hostIP: 10.0.3.17
            phase: Running
            podIP: 10.0.16.42
            qosClass: Burstable
            startTime: "2025-05-30T08:00:00Z"
        """;
    int n = 0;
    long written = 0;
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write("apiVersion: v1\nitems:\n");
      while (written < bytes) {
        String item =
            pod.replace("$I", Integer.toString(n))
                .replace("$NS", Integer.toString(n % 50))
                .replace("$NODE", Integer.toString(n % 500));
        w.write(item);
        written += item.length();
        n++;
      }
      w.write("kind: List\nmetadata:\n  resourceVersion: \"\"\n");
    }
    return n;
  }
}
