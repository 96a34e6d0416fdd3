package io.netplane.config.lint;

/**
 * One lint result.
 *
 * @param id stable identifier of the check
 * @param subject what it is about, e.g. {@code PodNetworking/db} or {@code Pod/apps/web-1}
 */
public record Finding(LintId id, Severity severity, String subject, String message) {
  /** How bad it is. */
  public enum Severity {
    ERROR,
    WARNING
  }
}
