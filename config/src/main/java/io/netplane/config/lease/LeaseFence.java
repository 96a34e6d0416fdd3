package io.netplane.config.lease;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.Lock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.function.LongSupplier;

/**
 * The lease lock, plus the fence every write (or answer) of the leader passes first. It is allowed
 * only while this replica leads and less than {@code renewDeadline} has passed since the renew time
 * it last wrote into the Lease (converted to the monotonic clock). Another replica takes the lease
 * only after that renew time plus {@code leaseDuration}, so the difference between the two
 * durations covers clock skew and a write in flight. This does not wait for fabric8's elector to
 * call back: its renew loop can sit in a slow request well past the deadline.
 */
public final class LeaseFence implements Lock {
  private final Lock lease;
  private final Duration renewDeadline;
  private final LongSupplier nanoTime;
  private volatile boolean held;
  private volatile long validUntil;

  LeaseFence(Lock lease, Duration renewDeadline, LongSupplier nanoTime) {
    this.lease = lease;
    this.renewDeadline = renewDeadline;
    this.nanoTime = nanoTime;
  }

  /** Throws {@link LeadershipLost} unless a write may be sent now. */
  public void check(String write) {
    if (!valid()) {
      throw new LeadershipLost(write);
    }
  }

  /** Whether this replica leads and renewed the lease less than the renew deadline ago. */
  public boolean valid() {
    return held && validUntil - nanoTime.getAsLong() > 0;
  }

  /** The elector said leadership ended: no write from now on. */
  void lost() {
    held = false;
  }

  @Override
  public LeaderElectionRecord get(KubernetesClient client) {
    return lease.get(client);
  }

  @Override
  public void create(KubernetesClient client, LeaderElectionRecord record) {
    long until = deadline(record);
    lease.create(client, record);
    written(record, until);
  }

  /**
   * A failed renewal throws and changes nothing: the fence keeps counting from the last success.
   */
  @Override
  public void update(KubernetesClient client, LeaderElectionRecord record) {
    long until = deadline(record);
    lease.update(client, record);
    written(record, until);
  }

  /**
   * renewTime + renewDeadline on the monotonic clock (the record was made a little before it is
   * sent).
   */
  private long deadline(LeaderElectionRecord record) {
    long now = nanoTime.getAsLong();
    ZonedDateTime renewed = record.getRenewTime();
    long age =
        renewed == null
            ? 0
            : Math.max(0, Duration.between(renewed, ZonedDateTime.now(ZoneOffset.UTC)).toNanos());
    return now - age + renewDeadline.toNanos();
  }

  private void written(LeaderElectionRecord record, long until) {
    if (identity().equals(record.getHolderIdentity())) {
      validUntil = until;
      held = true;
    } else {
      held = false; // released on shutdown
    }
  }

  @Override
  public String identity() {
    return lease.identity();
  }

  @Override
  public String describe() {
    return lease.describe();
  }
}
