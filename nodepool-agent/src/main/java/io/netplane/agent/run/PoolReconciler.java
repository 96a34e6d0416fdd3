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
import io.netplane.agent.model.FixedCidrPool;
import io.netplane.agent.model.FixedCidrPoolStatus;
import io.netplane.agent.plan.Failure;
import io.netplane.agent.plan.Plan;
import io.netplane.agent.plan.PoolStatuses;
import io.netplane.agent.plan.ResolvedPool;
import io.netplane.agent.validate.FieldError;
import io.netplane.agent.validate.PoolValidator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pool, once: validate the stored object, apply it with the {@link PoolApplier} (the same
 * observe-plan-write passes as {@code apply}), and write what came of it to the status
 * subresource. An invalid spec gets a condition listing every error and nothing is applied.
 */
final class PoolReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(PoolReconciler.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final PoolApplier applier;
  private final FixedCidrPools pools;
  private final Clock clock;

  PoolReconciler(PoolApplier applier, FixedCidrPools pools, Clock clock) {
    this.applier = applier;
    this.pools = pools;
    this.clock = clock;
  }

  /** Reconciles the pool stored as {@code raw}; Kubernetes errors writing the status propagate. */
  Outcome reconcile(JsonNode raw) {
    String name = raw.path("metadata").path("name").asText();
    Long generation = raw.path("metadata").path("generation").isNumber() ? raw.path("metadata").path("generation").asLong() : null;
    FixedCidrPoolStatus previous = status(raw);
    List<FieldError> errors = PoolValidator.validate(raw);
    if (!errors.isEmpty()) {
      LOG.warn("[{}] invalid spec, nothing applied: {}", name, errors);
      writeStatus(name, previous, PoolStatuses.invalid(generation, errors.stream().map(FieldError::toString).toList(),
          previous, clock.instant()));
      return Outcome.INVALID;
    }
    ResolvedPool pool = ResolvedPool.of(PoolValidator.parse(FixedCidrPool.KIND + "/" + name, raw));
    FixedCidrPoolStatus status;
    Outcome outcome;
    try {
      ApplyResult r = applier.apply(pool, progress(name));
      Failure failure = r.failure();
      status = r.plan() == null
          ? PoolStatuses.failed(generation, failure, previous, clock.instant())
          : PoolStatuses.of(pool, r.plan(), previous, failure, clock.instant());
      outcome = failure != null ? Outcome.FAILED : r.plan().blocked() ? Outcome.BLOCKED : Outcome.CONVERGED;
      if (failure != null) {
        LOG.warn("[{}] apply failed: {}: {}", name, failure.code(), failure.message());
      }
    } catch (KubernetesClientException e) {
      // the observation itself failed (retries used up): say so, retry the pool later
      status = PoolStatuses.failed(generation, new Failure(ConditionReason.APPLY_FAILED, "HTTP " + e.getCode(),
          e.getMessage(), false), previous, clock.instant());
      outcome = Outcome.FAILED;
      LOG.warn("[{}] apply failed: {}", name, e.getMessage());
    } catch (IllegalArgumentException e) {
      // the agent's own settings do not fit the pool (an ACK node pool without --cluster-id)
      status = PoolStatuses.failed(generation, new Failure(ConditionReason.APPLY_FAILED, "AgentSettings",
          e.getMessage(), false), previous, clock.instant());
      outcome = Outcome.FAILED;
      LOG.warn("[{}] not applied: {}", name, e.getMessage());
    }
    writeStatus(name, previous, status);
    return outcome;
  }

  private static ApplyListener progress(String name) {
    return new ApplyListener() {
      @Override
      public void planned(Plan plan, int pass) {
        if (plan.hasChanges() && !plan.blocked()) {
          LOG.info("[{}] pass {}: {} step(s)", name, pass, plan.stepCount());
        }
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
    try {
      pools.writeStatus(name, status);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
      LOG.info("[{}] deleted before its status was written", name);
    }
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
