package io.netplane.extender.live;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.netplane.config.concurrent.DaemonThreads;
import io.netplane.config.lease.LeaseElection;
import io.netplane.config.model.PodView;
import io.netplane.config.rules.Purpose;
import io.netplane.extender.server.Decided;
import io.netplane.extender.server.DeciderSource;
import io.netplane.extender.wire.ServedSnapshot;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader-only serving ({@code serve --leader-elect}): of the replicas behind one Service, only the
 * one holding the Lease decides, so IP holds live in one ledger and two replicas never promise the
 * same free IP. The others keep their informers synced and answer 503 (not ready, "not the
 * leader"), so a Service routes to the leader alone and kube-scheduler retries a pod that reached a
 * standby anyway.
 *
 * <p>The leader serves only while its {@link io.netplane.config.lease.LeaseFence} is valid: at most
 * the renew deadline after its last renewal, which is before any other replica can take the lease.
 * That is checked on every request, and every {@link #CHECK_EVERY} besides: fabric8's elector may
 * report the loss much later (its renewal can sit in a request retried with backoff). A term starts
 * with no holds (the last leader's never reached this replica), and ends by dropping its own.
 */
public final class LeaderOnly implements DeciderSource, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderOnly.class);

  /** How soon a lapsed fence ends the term without a request asking. */
  static final Duration CHECK_EVERY = Duration.ofMillis(100);

  private final LiveCluster live;
  private final LeaseElection election;
  private final String identity;

  /** In a term: set once the holds were dropped, cleared (and the holds dropped) when it ends. */
  private volatile boolean serving;

  private final ScheduledExecutorService checker =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("netplane-leader-check"));

  /** Who this replica last logged as the leader (itself, another, or null once it stopped). */
  private String announced;

  public LeaderOnly(KubernetesClient client, LiveCluster live, LeaseElection.Settings settings) {
    this.live = live;
    this.identity = settings.identity();
    this.election = new LeaseElection(client, settings, this::term, this::term, this::observed);
  }

  /** Stands for election; returns at once. The live cluster is started by its owner. */
  public void start() {
    election.start();
    checker.scheduleWithFixedDelay(
        this::term, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether this replica decides now: it leads and its last renewal is recent enough. */
  public boolean leading() {
    boolean now = election.leading();
    if (now != serving) {
      term();
    }
    return now && serving;
  }

  @Override
  public String unavailable() {
    if (!leading()) {
      String leader = election.leader();
      return leader == null || leader.equals(identity)
          ? "not the leader: no leader known yet (lease " + lease() + ")"
          : "not the leader: " + leader + " leads (lease " + lease() + ")";
    }
    return live.unavailable();
  }

  @Override
  public boolean ready() {
    return unavailable() == null;
  }

  @Override
  public ServedSnapshot served() {
    return live.served();
  }

  @Override
  public Decided decide(PodView pod, Collection<String> nodes, Purpose purpose) {
    return live.decide(pod, nodes, purpose);
  }

  @Override
  public Decided filter(PodView pod, Collection<String> nodes) {
    return live.filter(pod, nodes);
  }

  private String lease() {
    return election.settings().namespace() + "/" + election.settings().name();
  }

  /** Starts or ends a term when the lease says so; both begin by dropping every hold. */
  private synchronized void term() {
    boolean now = election.leading();
    if (now && !serving) {
      live.dropHolds();
      serving = true;
      announce(
          identity,
          identity + " leads: serving /filter, /prioritize and /preempt, with no IP holds yet");
    } else if (!now && serving) {
      serving = false;
      int dropped = live.dropHolds();
      announce(
          null,
          identity
              + " stopped leading: answering 503 and not ready; "
              + dropped
              + " IP holds dropped");
    }
  }

  private void observed(String holder) {
    // this replica's own term is announced by started(); a Lease naming nobody says nothing
    if (holder != null && !holder.equals(identity)) {
      announce(
          holder, "leader is now " + holder + ": " + identity + " answers 503 and is not ready");
    }
  }

  /** One line per change of who leads, as far as this replica knows. */
  private synchronized void announce(String leader, String line) {
    if (!Objects.equals(leader, announced)) {
      announced = leader;
      LOG.info("{}", line);
    }
  }

  /** Stops deciding at once, then hands the lease over. */
  @Override
  public void close() {
    checker.shutdownNow();
    election.close();
  }
}
