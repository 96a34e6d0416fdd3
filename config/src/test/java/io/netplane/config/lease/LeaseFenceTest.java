package io.netplane.config.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.Lock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LeaseFenceTest {
  static final Duration RENEW_DEADLINE = Duration.ofSeconds(10);

  final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  final AtomicBoolean failing = new AtomicBoolean();
  final LeaseFence fence =
      new LeaseFence(
          new Lock() {
            @Override
            public LeaderElectionRecord get(KubernetesClient client) {
              return null;
            }

            @Override
            public void create(KubernetesClient client, LeaderElectionRecord record) {
              update(client, record);
            }

            @Override
            public void update(KubernetesClient client, LeaderElectionRecord record) {
              if (failing.get()) {
                throw new KubernetesClientException("unreachable");
              }
            }

            @Override
            public String identity() {
              return "me";
            }

            @Override
            public String describe() {
              return "test lease";
            }
          },
          RENEW_DEADLINE,
          nanos::get);

  static LeaderElectionRecord record(String holder) {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    return new LeaderElectionRecord(holder, Duration.ofSeconds(15), now, now, 0);
  }

  void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  @Test
  void noWriteBeforeTheLeaseIsTaken() {
    assertThat(fence.valid()).isFalse();
    assertThatThrownBy(() -> fence.check("Node n-h"))
        .isInstanceOf(LeadershipLost.class)
        .hasMessage("not leading any more: stopped before Node n-h");
  }

  @Test
  void writesAreAllowedUntilTheRenewDeadlinePassesSinceTheLastRenewal() {
    fence.create(null, record("me"));
    advance(Duration.ofSeconds(9));
    fence.check("Node n-h");

    fence.update(null, record("me"));
    advance(Duration.ofSeconds(9));
    assertThat(fence.valid()).as("renewed 9 s ago").isTrue();

    failing.set(true);
    assertThatThrownBy(() -> fence.update(null, record("me")))
        .isInstanceOf(KubernetesClientException.class);
    advance(Duration.ofSeconds(1));
    assertThat(fence.valid()).as("a failed renewal does not extend the fence").isFalse();
    assertThatThrownBy(() -> fence.check("status of db")).isInstanceOf(LeadershipLost.class);
  }

  @Test
  void theDeadlineCountsFromTheRecordsRenewTimeNotFromWhenItWasSent() {
    ZonedDateTime made = ZonedDateTime.now(ZoneOffset.UTC).minusSeconds(4);
    fence.update(null, new LeaderElectionRecord("me", Duration.ofSeconds(15), made, made, 0));
    advance(Duration.ofSeconds(5));
    assertThat(fence.valid()).isTrue();
    advance(Duration.ofSeconds(2));
    assertThat(fence.valid()).as("4 s old when sent, 7 s later: past the 10 s deadline").isFalse();
  }

  @Test
  void releasingOrLosingTheLeaseClosesTheFenceAtOnce() {
    fence.update(null, record("me"));
    fence.update(null, record(null));
    assertThat(fence.valid()).as("released").isFalse();

    fence.update(null, record("me"));
    fence.lost();
    assertThat(fence.valid()).as("the elector said it lost").isFalse();
  }
}
