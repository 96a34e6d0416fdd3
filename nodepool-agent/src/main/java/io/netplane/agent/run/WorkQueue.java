package io.netplane.agent.run;

import io.netplane.agent.apply.Backoff;
import io.netplane.config.concurrent.DaemonThreads;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Pool names waiting to be reconciled, as client-go's work queue keeps them: a name is queued at
 * most once however many events name it; a name being reconciled is not handed to a second worker,
 * and an event arriving meanwhile queues it again once the worker is {@link #done}; a failed name
 * comes back after an exponential backoff that {@link #forget} resets.
 */
final class WorkQueue implements AutoCloseable {
  private final Backoff backoff;
  private final LinkedHashSet<String> ready = new LinkedHashSet<>();
  private final Set<String> processing = new HashSet<>();

  /** Names added while being processed: queued again on {@link #done}. */
  private final Set<String> dirty = new HashSet<>();

  private final Map<String, Integer> failures = new HashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("netplane-queue-timer"));
  private boolean closed;

  /** {@code backoff}: the requeue delays of {@link #addRateLimited}; its attempts are not used. */
  WorkQueue(Backoff backoff) {
    this.backoff = backoff;
  }

  synchronized void add(String name) {
    if (closed) {
      return;
    }
    if (processing.contains(name)) {
      dirty.add(name);
      return;
    }
    if (ready.add(name)) {
      notifyAll();
    }
  }

  void addAfter(String name, Duration delay) {
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    timer.schedule(() -> add(name), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Queues a failed name again after its next backoff delay; returns the delay. */
  Duration addRateLimited(String name) {
    int n;
    synchronized (this) {
      n = failures.merge(name, 1, Integer::sum);
    }
    Duration delay = backoff.delay(n);
    addAfter(name, delay);
    return delay;
  }

  /** The name succeeded: its next failure starts the backoff from the beginning. */
  synchronized void forget(String name) {
    failures.remove(name);
  }

  /** The next name to reconcile, waiting for one; null once closed. Pair with {@link #done}. */
  synchronized String take() throws InterruptedException {
    while (ready.isEmpty() && !closed) {
      wait();
    }
    if (closed) {
      return null;
    }
    String name = ready.iterator().next();
    ready.remove(name);
    processing.add(name);
    return name;
  }

  synchronized void done(String name) {
    processing.remove(name);
    if (dirty.remove(name)) {
      add(name);
    }
  }

  /** Names waiting (not those being reconciled). */
  synchronized int depth() {
    return ready.size();
  }

  /** Drops the waiting names (leadership lost: the next leader starts from every pool). */
  synchronized void clear() {
    ready.clear();
    dirty.clear();
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    timer.shutdownNow();
  }
}
