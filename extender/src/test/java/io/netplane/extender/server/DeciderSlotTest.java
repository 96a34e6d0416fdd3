package io.netplane.extender.server;

import static io.netplane.config.fixtures.Fixtures.VSW_H;
import static io.netplane.config.fixtures.Fixtures.node;
import static io.netplane.config.fixtures.Fixtures.pod;
import static io.netplane.config.fixtures.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.PodView;
import io.netplane.config.rules.Decider;
import io.netplane.config.rules.Purpose;
import io.netplane.config.rules.ReasonId;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A snapshot rebuild that meets a filter request: the new snapshot shows pod a bound (its IP
 * counted as in flight) and a's hold is gone. Wherever the rebuild lands in the request, a's IP
 * must be counted, or a burst overshoots the vSwitch that has one free IP.
 */
@ExtendWith(VertxExtension.class)
class DeciderSlotTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Decider before =
      snapshot().freeIps(VSW_H, 1).node(node("n-h")).pod(pod("a").uid("uid-a")).decider();
  private final Decider after =
      snapshot()
          .freeIps(VSW_H, 1)
          .node(node("n-h"))
          .pod(pod("a").uid("uid-a").boundTo("n-h"))
          .decider();
  private final PodView b = pod("b").uid("uid-b").build();

  /** a's hold, which a snapshot showing a bound ends; a test can run something as it is read. */
  private static final class HoldOfA implements DeciderSlot.Holds {
    private boolean held = true;
    private Runnable whileReading = () -> {};
    private Runnable afterEnding = () -> {};

    @Override
    public Map<String, Long> heldForOthers(PodView pod) {
      Runnable run = whileReading;
      whileReading = () -> {};
      run.run();
      return held ? Map.of(VSW_H, 1L) : Map.of();
    }

    @Override
    public void endBound(ClusterSnapshot snapshot) {
      if (snapshot.pod("default", "a").nodeName() != null) {
        held = false;
      }
      Runnable run = afterEnding;
      afterEnding = () -> {};
      run.run();
    }
  }

  @Test
  void aRebuildPublishedWhileARequestReadsTheHoldsIsWhatTheRequestDecidesOn() {
    HoldOfA holds = new HoldOfA();
    DeciderSlot slot = new DeciderSlot(holds);
    slot.publish(before);
    holds.whileReading = () -> slot.publish(after);

    Decided d = slot.decide(b, List.of("n-h"), Purpose.FILTER);

    assertThat(d.served().decider()).isSameAs(after);
    assertThat(d.decision().rejectedBy(ReasonId.VSWITCHES_EXHAUSTED)).isEqualTo(1);
  }

  @Test
  void aRequestBetweenARebuildsPublishAndItsReleaseOfHoldsStillCountsTheBoundPod() {
    HoldOfA holds = new HoldOfA();
    DeciderSlot slot = new DeciderSlot(holds);
    slot.publish(before);
    Decided[] between = new Decided[1];
    holds.afterEnding = () -> between[0] = slot.decide(b, List.of("n-h"), Purpose.FILTER);

    slot.publish(after);

    assertThat(between[0].held()).isEmpty();
    assertThat(between[0].decision().rejectedBy(ReasonId.VSWITCHES_EXHAUSTED)).isEqualTo(1);
  }

  @Test
  void aFilterRequestDecidesThroughTheSlotAndAnswersFromTheSnapshotItDecidedOn(Vertx vertx)
      throws Exception {
    HoldOfA holds = new HoldOfA();
    DeciderSlot slot = new DeciderSlot(holds);
    slot.publish(before);
    holds.whileReading = () -> slot.publish(after);
    DeciderSource source = DeciderSource.of(slot, () -> true);
    ExtenderServer server =
        new ExtenderServer(vertx, source, new ServerOptions("127.0.0.1", 0, 1 << 20, 1));
    int port = server.start().await(10, TimeUnit.SECONDS);
    try {
      String body =
          "{\"Pod\":{\"metadata\":{\"name\":\"b\",\"namespace\":\"default\",\"uid\":\"uid-b\"}},"
              + "\"Nodes\":null,\"NodeNames\":[\"n-h\"]}";
      Buffer answer =
          WebClient.create(vertx)
              .post(port, "127.0.0.1", "/filter")
              .sendBuffer(Buffer.buffer(body))
              .await(10, TimeUnit.SECONDS)
              .body();
      JsonNode result = JSON.readTree(answer.getBytes());
      assertThat(result.get("NodeNames")).isEmpty();
      assertThat(result.get("FailedNodes").get("n-h").asText())
          .startsWith("netplane: VSwitchesExhausted");
    } finally {
      server.stop().await(10, TimeUnit.SECONDS);
    }
  }
}
