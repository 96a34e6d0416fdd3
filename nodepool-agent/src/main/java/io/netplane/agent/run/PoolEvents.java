package io.netplane.agent.run;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.netplane.agent.kube.KubeCluster;
import io.netplane.agent.model.FixedCidrPool;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * core/v1 Events about pools, as {@code kubectl describe fcp NAME} shows them. A pool is
 * cluster-scoped, so its events live in {@code default}, as a Node's do. The same event repeated (a
 * pool failing on every retry) bumps the count of the one already written instead of adding
 * another. An event that cannot be written is logged: it never fails a reconcile.
 */
final class PoolEvents {
  private static final Logger LOG = LoggerFactory.getLogger(PoolEvents.class);
  static final String COMPONENT = "netplane-nodepool-agent";
  static final String NAMESPACE = "default";

  /** The API server keeps messages short; longer ones are cut. */
  static final int MAX_MESSAGE = 1024;

  private static final int REMEMBERED = 512;
  private static final PatchContext MERGE =
      new PatchContext.Builder()
          .withPatchType(PatchType.JSON_MERGE)
          .withFieldManager(KubeCluster.FIELD_MANAGER)
          .build();

  /** What makes two events the same one. */
  private record Key(String pool, String uid, String type, String reason, String message) {}

  private record Written(String name, int count) {}

  private final KubernetesClient client;
  private final String instance;
  private final Clock clock;
  private final Consumer<String> fence;
  private final AtomicLong sequence = new AtomicLong();
  private final Map<Key, Written> written =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Written> eldest) {
          return size() > REMEMBERED;
        }
      };

  /** {@code fence} is called before each write and may throw (the lease is lost). */
  PoolEvents(KubernetesClient client, String instance, Clock clock, Consumer<String> fence) {
    this.client = client;
    this.instance = instance;
    this.clock = clock;
    this.fence = fence;
  }

  void normal(String pool, String uid, String reason, String message) {
    emit(pool, uid, "Normal", reason, message);
  }

  void warning(String pool, String uid, String reason, String message) {
    emit(pool, uid, "Warning", reason, message);
  }

  private void emit(String pool, String uid, String type, String reason, String message) {
    String text =
        message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 3) + "...";
    Key key = new Key(pool, uid, type, reason, text);
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    fence.accept("Event " + reason + " of " + pool);
    Written before;
    synchronized (written) {
      before = written.get(key);
    }
    try {
      Written after = before == null ? create(key, now) : bump(key, before, now);
      synchronized (written) {
        written.put(key, after);
      }
    } catch (KubernetesClientException e) {
      LOG.warn("[{}] event {} not written: {}", pool, reason, e.getMessage());
    }
  }

  private Written create(Key key, String now) {
    String name =
        key.pool()
            + "."
            + Long.toHexString(clock.millis())
            + Long.toHexString(sequence.incrementAndGet());
    Event e =
        new EventBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NAMESPACE)
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion(FixedCidrPool.GROUP + "/" + FixedCidrPool.VERSION)
            .withKind(FixedCidrPool.KIND)
            .withName(key.pool())
            .withUid(key.uid())
            .endInvolvedObject()
            .withType(key.type())
            .withReason(key.reason())
            .withMessage(key.message())
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .withReportingComponent(COMPONENT)
            .withReportingInstance(instance)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .build();
    client.v1().events().inNamespace(NAMESPACE).resource(e).create();
    return new Written(name, 1);
  }

  private Written bump(Key key, Written before, String now) {
    int count = before.count() + 1;
    try {
      client
          .v1()
          .events()
          .inNamespace(NAMESPACE)
          .withName(before.name())
          .patch(MERGE, "{\"count\":" + count + ",\"lastTimestamp\":\"" + now + "\"}");
      return new Written(before.name(), count);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
      // expired (the API server keeps events for an hour by default): start a new one
      return create(key, now);
    }
  }
}
