package io.netplane.agent.plan;

/** How bad a finding is: ERROR blocks the apply, the others are reported. */
public enum Severity {
  INFO,
  WARNING,
  ERROR
}
