package io.netplane.extender.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.netplane.extender.TestData;
import io.netplane.extender.server.DeciderSource;
import io.netplane.extender.server.ExtenderServer;
import io.netplane.extender.server.ServerOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.NetClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The whole port-forward path without a kubelet: an API server stand-in answers the pod list and
 * the Lease, and serves {@code pods/portforward} as kubelet does (WebSocket, channel-prefixed
 * frames, the port first on each channel), relaying to a real extender. The plugin must find the
 * leader's pod, forward to its port 8790 and print the extender's answer.
 */
class PortForwardTest {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private Vertx vertx;
  private ExtenderServer extender;
  private HttpServer api;
  private final List<String> forwarded = new CopyOnWriteArrayList<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  @TempDir Path tmp;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    extender =
        new ExtenderServer(
            vertx,
            DeciderSource.fixed(TestData.cluster()),
            new ServerOptions("127.0.0.1", 0, ServerOptions.DEFAULT_MAX_BODY_BYTES, 1));
    int extenderPort = extender.start().await(10, TimeUnit.SECONDS);
    NetClient net = vertx.createNetClient();
    api =
        vertx
            .createHttpServer(
                new HttpServerOptions().setWebSocketSubProtocols(List.of("v4.channel.k8s.io")))
            .webSocketHandler(ws -> forward(ws, net, extenderPort))
            .requestHandler(
                req -> {
                  requests.add(req.path());
                  String body =
                      switch (req.path()) {
                        case "/api/v1/namespaces/netplane/pods" ->
                            JSON.asJson(
                                new PodListBuilder()
                                    .withItems(
                                        ActiveExtenderTest.schedulerPod(
                                            "netplane-scheduler-a", true),
                                        ActiveExtenderTest.schedulerPod(
                                            "netplane-scheduler-b", true))
                                    .build());
                        case "/apis/coordination.k8s.io/v1/namespaces/netplane/leases/netplane-scheduler" ->
                            JSON.asJson(
                                new LeaseBuilder()
                                    .withNewMetadata()
                                    .withName("netplane-scheduler")
                                    .withNamespace("netplane")
                                    .endMetadata()
                                    .withNewSpec()
                                    .withHolderIdentity("netplane-scheduler-b_4d2f")
                                    .endSpec()
                                    .build());
                        default -> null;
                      };
                  req.response()
                      .setStatusCode(body == null ? 404 : 200)
                      .putHeader("Content-Type", "application/json")
                      .end(body == null ? "{\"kind\":\"Status\",\"code\":404}" : body);
                })
            .listen(0, "127.0.0.1")
            .await(10, TimeUnit.SECONDS);
  }

  /** kubelet's side of a port-forward: the port on both channels, then channel 0 both ways. */
  private void forward(ServerWebSocket ws, NetClient net, int extenderPort) {
    forwarded.add(ws.path() + "?" + ws.query());
    ws.pause();
    net.connect(extenderPort, "127.0.0.1")
        .onSuccess(
            socket -> {
              byte[] port = {(byte) 8790, (byte) (8790 >> 8)};
              ws.writeBinaryMessage(Buffer.buffer(new byte[] {0}).appendBytes(port));
              ws.writeBinaryMessage(Buffer.buffer(new byte[] {1}).appendBytes(port));
              ws.binaryMessageHandler(
                  frame -> {
                    if (frame.length() > 1 && frame.getByte(0) == 0) {
                      socket.write(frame.getBuffer(1, frame.length()));
                    }
                  });
              socket.handler(
                  data -> ws.writeBinaryMessage(Buffer.buffer(new byte[] {0}).appendBuffer(data)));
              socket.closeHandler(v -> ws.close());
              ws.closeHandler(v -> socket.close());
              ws.resume();
            })
        .onFailure(e -> ws.close());
  }

  @AfterEach
  void stop() throws Exception {
    api.close().await(10, TimeUnit.SECONDS);
    extender.stop().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** A kubeconfig whose current context is the API server listening on {@code port}. */
  static Path kubeconfig(Path dir, int port) throws Exception {
    Path file = dir.resolve("kubeconfig");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: test
          cluster: {server: "http://127.0.0.1:%d"}
        users:
        - name: user
          user: {token: not-checked}
        contexts:
        - name: test
          context: {cluster: test, user: user, namespace: default}
        current-context: test
        """
            .formatted(port));
    return file;
  }

  @Test
  void explainPortForwardsToTheExtenderBesideTheLeadingScheduler() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = KubectlNetplane.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));

    int code =
        cl.execute(
            "explain",
            "web-0",
            "--kubeconfig",
            kubeconfig(tmp, api.actualPort()).toString(),
            "--netplane-namespace",
            "netplane",
            "--request-timeout",
            "10s");

    assertThat(code).as(err.toString()).isZero();
    assertThat(requests)
        .containsExactly(
            "/api/v1/namespaces/netplane/pods",
            "/apis/coordination.k8s.io/v1/namespaces/netplane/leases/netplane-scheduler");
    assertThat(forwarded)
        .containsExactly(
            "/api/v1/namespaces/netplane/pods/netplane-scheduler-b/portforward?ports=8790");
    assertThat(out.toString())
        .startsWith("POD default/web-0\n")
        .containsPattern("node-i1 +cn-hangzhou-i +UNSCHEDULABLE");
  }
}
