package io.netplane.agent.apply;

import io.netplane.agent.plan.Plan;
import java.time.Duration;

/**
 * Progress of an apply: one call per call about to be made, per plan and per finished step, and one
 * before every write (each attempt), where the controller's lease fence may throw to stop the
 * apply.
 */
public interface ApplyListener {
  ApplyListener NONE = new ApplyListener() {};

  /** A read or write of the API server or the cloud is about to start (it may take seconds). */
  default void calling(String what) {}

  /** A plan was made from a fresh observation ({@code pass} counts from 1). */
  default void planned(Plan plan, int pass) {}

  /** A write is about to be sent; throwing stops the apply with that exception. */
  default void beforeWrite(String write) {}

  /** One write finished. */
  default void stepDone(String step, Duration took) {}
}
