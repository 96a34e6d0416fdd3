package io.netplane.extender.server;

import static io.netplane.config.fixtures.Fixtures.VSW_H;
import static io.netplane.config.fixtures.Fixtures.node;
import static io.netplane.config.fixtures.Fixtures.pod;
import static io.netplane.config.fixtures.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netplane.config.model.PodView;
import io.netplane.config.rules.Decider;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A snapshot rebuild that lands in the middle of a filter request: the new decider shows pod a
 * bound (its IP counted as in flight) and a's hold is gone. Whichever the request reads first, a's
 * IP must be counted, or a burst overshoots the vSwitch.
 */
@ExtendWith(VertxExtension.class)
class SnapshotSwapTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Serves the state before the rebuild to the first read, and the state after to the next. */
  private static final class RebuildBetweenReads implements DeciderSource {
    private final Decider before =
        snapshot().freeIps(VSW_H, 1).node(node("n-h")).pod(pod("a").uid("uid-a")).decider();
    private final Decider after =
        snapshot()
            .freeIps(VSW_H, 1)
            .node(node("n-h"))
            .pod(pod("a").uid("uid-a").boundTo("n-h"))
            .decider();
    private boolean rebuilt;

    @Override
    public Decider current() {
      Decider d = rebuilt ? after : before;
      rebuilt = true;
      return d;
    }

    @Override
    public Map<String, Long> assumedFor(PodView pod) {
      Map<String, Long> holds = rebuilt ? Map.of() : Map.of(VSW_H, 1L);
      rebuilt = true;
      return holds;
    }

    @Override
    public boolean ready() {
      return true;
    }
  }

  @Test
  void aRebuildDuringAFilterNeverFreesTheIpOfAPodJustBound(Vertx vertx) throws Exception {
    ExtenderServer server =
        new ExtenderServer(
            vertx, new RebuildBetweenReads(), new ServerOptions("127.0.0.1", 0, 1 << 20, 1));
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
