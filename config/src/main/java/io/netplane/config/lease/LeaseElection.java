package io.netplane.config.lease;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election on a Lease (coordination.k8s.io/v1) with fabric8's elector, behind a {@link
 * LeaseFence}. The elector's future ends whenever the lease is lost; the replica then stands again
 * at once, until {@link #close()}, which hands the lease over (release on cancel).
 *
 * <p>{@link #elected()} says what the elector last said; {@link #leading()} also needs the fence
 * valid, and is what decides whether this replica may act as the leader right now.
 */
public final class LeaseElection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseElection.class);

  /** How long closing waits for the lease to be released. */
  static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(5);

  /**
   * @param identity this replica's name in the Lease; must differ between replicas
   * @param retryPeriod how often the lease is renewed or tried
   */
  public record Settings(
      String name,
      String namespace,
      String identity,
      Duration leaseDuration,
      Duration renewDeadline,
      Duration retryPeriod) {}

  private final KubernetesClient client;
  private final Settings settings;
  private final LeaseFence fence;
  private final Runnable onStartLeading;
  private final Runnable onStopLeading;
  private final Consumer<String> onNewLeader;
  private CompletableFuture<?> election;
  private volatile boolean elected;
  private volatile boolean closing;
  private volatile String leader;

  /**
   * @param onStartLeading called when the elector says this replica leads
   * @param onStopLeading called once when it stops leading (lost, or closed), after the fence
   *     closed
   * @param onNewLeader called with each holder the elector sees, this replica's name included; null
   *     when the Lease names none
   */
  public LeaseElection(
      KubernetesClient client,
      Settings settings,
      Runnable onStartLeading,
      Runnable onStopLeading,
      Consumer<String> onNewLeader) {
    this.client = client;
    this.settings = settings;
    this.fence =
        new LeaseFence(
            new LeaseLock(settings.namespace(), settings.name(), settings.identity()),
            settings.renewDeadline(),
            System::nanoTime);
    this.onStartLeading = onStartLeading;
    this.onStopLeading = onStopLeading;
    this.onNewLeader = onNewLeader;
  }

  /**
   * The pod's name (env POD_NAME), else the host name, else {@code fallback} and the process id.
   */
  public static String podOrHostName(String fallback) {
    String pod = System.getenv("POD_NAME");
    if (pod != null && !pod.isBlank()) {
      return pod;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return fallback + "-" + ProcessHandle.current().pid();
    }
  }

  /** Stands for election; returns at once. */
  public void start() {
    var config =
        new LeaderElectionConfigBuilder()
            .withName(settings.name())
            .withLock(fence)
            .withLeaseDuration(settings.leaseDuration())
            .withRenewDeadline(settings.renewDeadline())
            .withRetryPeriod(settings.retryPeriod())
            // cancelling (shutdown) hands the lease over at once instead of after leaseDuration
            .withReleaseOnCancel()
            .withLeaderCallbacks(
                new LeaderCallbacks(this::startLeading, this::stopLeading, this::newLeader))
            .build();
    CompletableFuture<?> future = client.leaderElector().withConfig(config).build().start();
    synchronized (this) {
      election = future;
    }
    // the future ends when the lease is lost (a renewal failed or came too late): stand again
    future.whenComplete(
        (r, e) -> {
          if (!closing) {
            LOG.warn(
                "lost the lease{}; standing for election again",
                e == null ? "" : ": " + e.getMessage());
            start();
          }
        });
  }

  /** What the elector last said: this replica leads. */
  public boolean elected() {
    return elected;
  }

  /** Elected, and its last lease renewal is recent enough to act on. */
  public boolean leading() {
    return elected && fence.valid();
  }

  /** Checks every write against the lease. */
  public LeaseFence fence() {
    return fence;
  }

  /** The holder the elector last saw in the Lease (possibly this replica), or null. */
  public String leader() {
    return leader;
  }

  public Settings settings() {
    return settings;
  }

  private void startLeading() {
    elected = true;
    onStartLeading.run();
  }

  private void stopLeading() {
    fence.lost();
    boolean was = elected;
    elected = false;
    if (was) {
      onStopLeading.run();
    }
    // fabric8's elector never completes its future when the API server is unreachable as it
    // stops (its last read of the lease throws): end it here so that start() stands again
    CompletableFuture<?> e;
    synchronized (this) {
      e = election;
    }
    if (e != null && !closing) {
      e.cancel(true);
    }
  }

  private void newLeader(String holder) {
    leader = holder;
    onNewLeader.accept(holder);
  }

  /** Stops acting as leader and standing again, but keeps the lease until {@link #close()}. */
  public void resign() {
    closing = true;
    elected = false;
  }

  /**
   * Resigns and cancels the election, which releases the lease (releaseOnCancel). The release waits
   * for a lease call in progress; with the API server unreachable that can take long, and the
   * shutdown must stay within the pod's grace period: the lease then simply expires after
   * leaseDuration.
   */
  @Override
  public void close() {
    resign();
    CompletableFuture<?> e;
    synchronized (this) {
      e = election;
    }
    if (e == null) {
      return;
    }
    CompletableFuture<Void> cancelled = CompletableFuture.runAsync(() -> e.cancel(true));
    try {
      cancelled.get(RELEASE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException ex) {
      LOG.warn(
          "lease not released within {}; it expires after the lease duration", RELEASE_TIMEOUT);
    } catch (ExecutionException ex) {
      LOG.warn("releasing the lease failed: {}", ex.getCause().toString());
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
  }
}
