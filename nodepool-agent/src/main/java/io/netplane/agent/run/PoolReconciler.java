package io.netplane.agent.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.netplane.agent.apply.ApplyListener;
import io.netplane.agent.apply.ApplyResult;
import io.netplane.agent.apply.PoolApplier;
import io.netplane.agent.kube.FixedCidrPools;
import io.netplane.agent.model.ConditionReason;
import io.netplane.agent.model.ConditionType;
import io.netplane.agent.model.FixedCidrPool;
import io.netplane.agent.model.FixedCidrPoolStatus;
import io.netplane.agent.model.PoolCondition;
import io.netplane.agent.plan.Failure;
import io.netplane.agent.plan.Finding;
import io.netplane.agent.plan.Plan;
import io.netplane.agent.plan.PoolStatuses;
import io.netplane.agent.plan.ResolvedPool;
import io.netplane.agent.plan.Severity;
import io.netplane.agent.validate.FieldError;
import io.netplane.agent.validate.PoolValidator;
import io.netplane.config.lease.LeadershipLost;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pool, once: validate the stored object, make sure it carries the finalizer, apply it with the
 * {@link PoolApplier} (the same observe-plan-write passes as {@code apply}), and write what came of
 * it to the status subresource and as an Event. An invalid spec gets a condition listing every
 * error and nothing is applied. A pool being deleted has what it set removed (as {@code delete}
 * does), then its finalizer. Every write passes the lease fence first.
 */
final class PoolReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(PoolReconciler.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final PoolApplier applier;
  private final FixedCidrPools pools;
  private final PoolEvents events;
  private final Consumer<String> fence;
  private final Clock clock;

  /** {@code fence} is called before every write and throws {@link LeadershipLost} to stop. */
  PoolReconciler(
      PoolApplier applier,
      FixedCidrPools pools,
      PoolEvents events,
      Consumer<String> fence,
      Clock clock) {
    this.applier = applier;
    this.pools = pools;
    this.events = events;
    this.fence = fence;
    this.clock = clock;
  }

  /**
   * Reconciles the pool stored as {@code raw}. An unexpected exception becomes Ready=False with
   * reason ReconcileError, a log line and an Event, and the outcome FAILED (retried with backoff).
   *
   * @throws LeadershipLost when the lease was lost: nothing more was written
   */
  Outcome reconcile(JsonNode raw) {
    try {
      return raw.path("metadata").hasNonNull("deletionTimestamp") ? cleanUp(raw) : apply(raw);
    } catch (LeadershipLost e) {
      throw e;
    } catch (RuntimeException e) {
      return reconcileError(raw, e);
    }
  }

  private Outcome apply(JsonNode raw) {
    String name = name(raw);
    String uid = uid(raw);
    Long generation = generation(raw);
    FixedCidrPoolStatus previous = status(raw);
    List<FieldError> errors = PoolValidator.validate(raw);
    if (!errors.isEmpty()) {
      LOG.warn("[{}] invalid spec, nothing applied: {}", name, errors);
      FixedCidrPoolStatus status =
          PoolStatuses.invalid(
              generation,
              errors.stream().map(FieldError::toString).toList(),
              previous,
              clock.instant());
      writeStatus(name, previous, status);
      events.warning(
          name, uid, ConditionReason.INVALID_CONFIGURATION.value(), ready(status).message());
      return Outcome.INVALID;
    }
    if (!FixedCidrPools.hasFinalizer(raw)) {
      // before the pool's first write, so that deleting the object always cleans up after it
      fence.accept("finalizer of " + name);
      try {
        pools.addFinalizer(raw);
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        LOG.info("[{}] changed while the finalizer was added; trying again", name);
        return Outcome.FAILED;
      }
    }
    ResolvedPool pool = ResolvedPool.of(PoolValidator.parse(FixedCidrPool.KIND + "/" + name, raw));
    FixedCidrPoolStatus status;
    Outcome outcome;
    ApplyResult r = null;
    try {
      r = applier.apply(pool, progress(name));
      Failure failure = r.failure();
      status =
          r.plan() == null
              ? PoolStatuses.failed(generation, failure, previous, clock.instant())
              : PoolStatuses.of(pool, r.plan(), previous, failure, clock.instant());
      outcome =
          failure != null
              ? Outcome.FAILED
              : r.plan().blocked() ? Outcome.BLOCKED : Outcome.CONVERGED;
      if (failure != null) {
        LOG.warn("[{}] apply failed: {}: {}", name, failure.code(), failure.message());
      } else if (outcome == Outcome.BLOCKED) {
        LOG.warn("[{}] blocked, nothing applied: {}", name, errorFindings(r.plan()));
      }
    } catch (KubernetesClientException e) {
      // the observation itself failed (retries used up): say so, retry the pool later
      status =
          PoolStatuses.failed(
              generation,
              new Failure(
                  ConditionReason.APPLY_FAILED, "HTTP " + e.getCode(), e.getMessage(), false),
              previous,
              clock.instant());
      outcome = Outcome.FAILED;
      LOG.warn("[{}] apply failed: {}", name, e.getMessage());
    } catch (IllegalArgumentException e) {
      // the agent's own settings do not fit the pool (an ACK node pool without --cluster-id)
      status =
          PoolStatuses.failed(
              generation,
              new Failure(ConditionReason.APPLY_FAILED, "AgentSettings", e.getMessage(), false),
              previous,
              clock.instant());
      outcome = Outcome.FAILED;
      LOG.warn("[{}] not applied: {}", name, e.getMessage());
    }
    writeStatus(name, previous, status);
    report(name, uid, outcome, r, previous, generation, status);
    return outcome;
  }

  /** The Event of an apply: applied or drift repaired when it wrote, blocked, failed. */
  private void report(
      String name,
      String uid,
      Outcome outcome,
      ApplyResult r,
      FixedCidrPoolStatus previous,
      Long generation,
      FixedCidrPoolStatus status) {
    PoolCondition ready = ready(status);
    switch (outcome) {
      case FAILED -> events.warning(name, uid, ready.reason(), ready.message());
      case BLOCKED ->
          events.warning(name, uid, "Blocked", "nothing applied: " + errorFindings(r.plan()));
      case CONVERGED -> {
        if (r.steps() > 0) {
          // a pool that was Ready for this very spec was changed by someone else
          PoolCondition wasReady =
              previous == null ? null : previous.condition(ConditionType.READY);
          boolean drift =
              wasReady != null
                  && "True".equals(wasReady.status())
                  && Objects.equals(previous.observedGeneration(), generation);
          events.normal(
              name,
              uid,
              drift ? "DriftRepaired" : "Applied",
              r.steps()
                  + " write(s)"
                  + (drift ? " undid changes made outside the spec" : "")
                  + "; "
                  + ready.message());
        }
      }
      default -> {}
    }
  }

  /**
   * The object is being deleted: remove what the pool set (never nodes or node pools), then the
   * finalizer.
   */
  private Outcome cleanUp(JsonNode raw) {
    String name = name(raw);
    String uid = uid(raw);
    if (!FixedCidrPools.hasFinalizer(raw)) {
      return Outcome.CONVERGED;
    }
    List<FieldError> errors = PoolValidator.validate(raw);
    if (!errors.isEmpty()) {
      // what such a spec set cannot be told: keeping the finalizer would only block the deletion
      LOG.warn(
          "[{}] deleted with a spec that does not validate, nothing removed: {}", name, errors);
      events.warning(
          name,
          uid,
          "CleanupSkipped",
          "the spec does not validate, nothing removed; "
              + "run nodepool-agent delete -f with the pool's last valid file: "
              + errors);
    } else {
      ResolvedPool pool =
          ResolvedPool.of(PoolValidator.parse(FixedCidrPool.KIND + "/" + name, raw));
      ApplyResult r = applier.delete(pool, progress(name));
      String failed =
          r.failure() != null
              ? r.failure().code() + ": " + r.failure().message()
              : r.plan().blocked() ? errorFindings(r.plan()) : null;
      if (failed != null) {
        LOG.warn("[{}] cleanup failed, the finalizer stays: {}", name, failed);
        events.warning(name, uid, "CleanupFailed", failed);
        return Outcome.FAILED;
      }
      LOG.info("[{}] deleted: {} write(s) removed what the pool set", name, r.steps());
      events.normal(
          name,
          uid,
          "CleanedUp",
          r.steps()
              + " write(s) removed what the pool set (its ConfigMap deleted "
              + "or, when adopted, given back; labels, taints); nodes and node pools stay");
    }
    fence.accept("finalizer of " + name);
    pools.removeFinalizer(raw);
    return Outcome.CONVERGED;
  }

  private Outcome reconcileError(JsonNode raw, RuntimeException e) {
    String name = name(raw);
    LOG.error("[{}] reconcile failed", name, e);
    Failure failure =
        new Failure(
            ConditionReason.RECONCILE_ERROR,
            e.getClass().getSimpleName(),
            Objects.toString(e.getMessage(), "no message"),
            false);
    try {
      Long generation = generation(raw);
      FixedCidrPoolStatus previous = status(raw);
      writeStatus(
          name, previous, PoolStatuses.failed(generation, failure, previous, clock.instant()));
      events.warning(
          name,
          uid(raw),
          ConditionReason.RECONCILE_ERROR.value(),
          failure.code() + ": " + failure.message());
    } catch (LeadershipLost lost) {
      throw lost;
    } catch (RuntimeException again) {
      LOG.warn("[{}] the error could not be written to the status: {}", name, again.toString());
    }
    return Outcome.FAILED;
  }

  private ApplyListener progress(String name) {
    return new ApplyListener() {
      @Override
      public void planned(Plan plan, int pass) {
        if (plan.hasChanges() && !plan.blocked()) {
          LOG.info("[{}] pass {}: {} step(s)", name, pass, plan.stepCount());
        }
      }

      @Override
      public void beforeWrite(String write) {
        fence.accept(write);
      }

      @Override
      public void stepDone(String step, Duration took) {
        LOG.info("[{}] {} ({} ms)", name, step, took.toMillis());
      }
    };
  }

  /** Writes only a status that differs: a status write is an update event like any other. */
  private void writeStatus(String name, FixedCidrPoolStatus previous, FixedCidrPoolStatus status) {
    if (Objects.equals(previous, status)) {
      return;
    }
    fence.accept("status of " + name);
    try {
      pools.writeStatus(name, status);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
      LOG.info("[{}] deleted before its status was written", name);
    }
  }

  private static String errorFindings(Plan plan) {
    return String.join(
        "; ",
        plan.findings().stream()
            .filter(f -> f.severity() == Severity.ERROR)
            .map(Finding::toString)
            .toList());
  }

  private static PoolCondition ready(FixedCidrPoolStatus status) {
    return status.condition(ConditionType.READY);
  }

  private static String name(JsonNode raw) {
    return raw.path("metadata").path("name").asText();
  }

  private static Long generation(JsonNode raw) {
    JsonNode g = raw.path("metadata").path("generation");
    return g.isNumber() ? g.asLong() : null;
  }

  private static String uid(JsonNode raw) {
    return raw.path("metadata").path("uid").textValue();
  }

  private static FixedCidrPoolStatus status(JsonNode raw) {
    JsonNode s = raw.path("status");
    if (!s.isObject()) {
      return null;
    }
    try {
      return JSON.treeToValue(s, FixedCidrPoolStatus.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      // a status someone else wrote badly is replaced, not a reason to stop
      return null;
    }
  }
}
