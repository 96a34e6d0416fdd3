package io.netplane.extender.live;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.netplane.config.cloud.CloudException;
import io.netplane.config.cloud.CloudInventory;
import io.netplane.config.concurrent.DaemonThreads;
import io.netplane.config.concurrent.ExponentialBackoff;
import io.netplane.config.model.InstanceType;
import io.netplane.config.model.VSwitch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the cloud inventory fresh on its own thread (blocking SDK calls never run on the event
 * loop): the vSwitches the cluster references, polled every {@code interval}, and the instance
 * types of its nodes, which never change and are cached. On errors the last good data is served;
 * throttling and server errors back off exponentially; once the data is older than {@code
 * maxStaleness} free IPs count as unknown, never as zero.
 */
public final class CloudRefresher implements Inventory, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CloudRefresher.class);

  /** What the cluster references, read from the watched objects before each refresh. */
  public record Wanted(Set<String> vSwitchIds, Set<String> instanceTypes) {}

  /** How often and how patiently. */
  public record Timing(
      Duration interval, Duration maxStaleness, Duration retryBase, Duration maxBackoff) {
    public Timing {
      if (interval.isNegative() || interval.isZero() || maxStaleness.compareTo(interval) < 0) {
        throw new IllegalArgumentException(
            "need 0 < interval <= maxStaleness, got " + interval + " and " + maxStaleness);
      }
    }
  }

  /** Least time between two fetches for newly referenced vSwitches or instance types. */
  static final Duration ON_DEMAND_GAP = Duration.ofSeconds(5);

  private final CloudInventory cloud;
  private final String vpcId;
  private final Supplier<Wanted> wanted;
  private final Clock clock;
  private final Timing timing;
  private final LoadingCache<String, InstanceType> instanceTypes;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("netplane-cloud"));
  private final AtomicLong refreshes = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private volatile Map<String, VSwitch> vSwitches = Map.of();
  private volatile Map<String, InstanceType> types = Map.of();
  private volatile Instant lastSuccess;
  private volatile Instant dataTakenAt;
  private volatile Instant lastOnDemand;
  private int failures;

  public CloudRefresher(
      CloudInventory cloud, String vpcId, Supplier<Wanted> wanted, Clock clock, Timing timing) {
    this.cloud = cloud;
    this.vpcId = vpcId;
    this.wanted = wanted;
    this.clock = clock;
    this.timing = timing;
    this.instanceTypes =
        Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofDays(1))
            .build(
                new com.github.benmanes.caffeine.cache.CacheLoader<>() {
                  @Override
                  public InstanceType load(String id) {
                    return loadAll(Set.of(id)).get(id);
                  }

                  @Override
                  public Map<String, InstanceType> loadAll(Set<? extends String> ids) {
                    Map<String, InstanceType> out = new HashMap<>();
                    cloud.describeInstanceTypes(Set.copyOf(ids)).forEach(t -> out.put(t.id(), t));
                    return out;
                  }
                });
  }

  public void start() {
    executor.execute(this::refreshAndReschedule);
  }

  private void refreshAndReschedule() {
    Duration next = timing.interval();
    try {
      refresh();
      failures = 0;
    } catch (CloudException e) {
      failures++;
      errors.incrementAndGet();
      next = e.retryable() ? backoff() : timing.interval();
      LOG.warn(
          "cloud refresh failed ({}{}), serving data from {}; next attempt in {}",
          e.code(),
          e.throttled() ? ", throttled" : "",
          lastSuccess == null ? "never" : lastSuccess,
          next);
    } catch (RuntimeException e) {
      failures++;
      errors.incrementAndGet();
      LOG.error("cloud refresh failed; next attempt in {}", next, e);
    }
    if (!executor.isShutdown()) {
      executor.schedule(this::refreshAndReschedule, next.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Fetches at once (on the refresh thread) when the cluster names vSwitches or instance types the
   * data lacks, e.g. a new PodNetworking, so they are not unknown capacity until the next scheduled
   * refresh. At most once per {@link #ON_DEMAND_GAP}, so a vSwitch the cloud does not know costs
   * little.
   */
  public void fetchIfMissing() {
    if (lastSuccess == null || executor.isShutdown()) {
      return;
    }
    Wanted w = wanted.get();
    if (vSwitches.keySet().containsAll(w.vSwitchIds())
        && types.keySet().containsAll(w.instanceTypes())) {
      return;
    }
    Instant now = clock.instant();
    Instant last = lastOnDemand;
    if (last != null && now.isBefore(last.plus(ON_DEMAND_GAP))) {
      return;
    }
    lastOnDemand = now;
    executor.execute(
        () -> {
          try {
            refresh();
          } catch (RuntimeException e) {
            errors.incrementAndGet();
            LOG.warn(
                "fetching newly referenced vSwitches or instance types failed: {}", e.toString());
          }
        });
  }

  private Duration backoff() {
    return new ExponentialBackoff(timing.retryBase(), timing.maxBackoff()).delay(failures);
  }

  private void refresh() {
    Instant asked = clock.instant();
    Wanted w = wanted.get();
    Map<String, VSwitch> fresh = new LinkedHashMap<>();
    if (!w.vSwitchIds().isEmpty()) {
      cloud.describeVSwitches(vpcId, w.vSwitchIds()).forEach(v -> fresh.put(v.id(), v));
    }
    Map<String, InstanceType> loadedTypes = Map.copyOf(instanceTypes.getAll(w.instanceTypes()));
    vSwitches = Map.copyOf(fresh);
    types = loadedTypes;
    dataTakenAt = asked;
    lastSuccess = clock.instant();
    refreshes.incrementAndGet();
  }

  @Override
  public Map<String, VSwitch> vSwitches() {
    Map<String, VSwitch> current = vSwitches;
    if (!stale()) {
      return current;
    }
    Map<String, VSwitch> unknown = new LinkedHashMap<>();
    current.forEach((id, v) -> unknown.put(id, v.withUnknownCapacity()));
    return unknown;
  }

  @Override
  public Map<String, InstanceType> instanceTypes() {
    return types;
  }

  @Override
  public boolean loaded() {
    return lastSuccess != null;
  }

  /** Bumps on every successful refresh and when the data turns stale. */
  @Override
  public long generation() {
    return refreshes.get() * 2 + (stale() ? 1 : 0);
  }

  @Override
  public Instant dataTakenAt() {
    return dataTakenAt;
  }

  /** Time since the last successful refresh; null before the first. */
  public Duration age() {
    Instant at = lastSuccess;
    return at == null ? null : Duration.between(at, clock.instant());
  }

  public long errors() {
    return errors.get();
  }

  private boolean stale() {
    Duration age = age();
    return age != null && age.compareTo(timing.maxStaleness()) > 0;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
