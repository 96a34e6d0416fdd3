package io.netplane.agent.plan;

/**
 * Something the operator should know about the pool.
 *
 * @param subject what it is about: a vSwitch id, a zone, a node name, a ConfigMap
 */
public record Finding(FindingId id, String subject, String message) {
  public Severity severity() {
    return id.severity();
  }

  @Override
  public String toString() {
    return severity() + " " + id.value() + " " + subject + ": " + message;
  }
}
