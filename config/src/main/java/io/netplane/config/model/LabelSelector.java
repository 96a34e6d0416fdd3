package io.netplane.config.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Kubernetes {@code metav1.LabelSelector}. An empty selector matches everything; an invalid one
 * (unknown operator, missing values) matches nothing and carries the reason for lint.
 */
public record LabelSelector(
    Map<String, String> matchLabels, List<Requirement> expressions, String invalidReason) {

  public static final LabelSelector EVERYTHING = new LabelSelector(Map.of(), List.of(), null);

  public LabelSelector {
    matchLabels = Map.copyOf(matchLabels);
    expressions = List.copyOf(expressions);
  }

  public static LabelSelector invalid(String reason) {
    return new LabelSelector(Map.of(), List.of(), reason);
  }

  public boolean isValid() {
    return invalidReason == null;
  }

  public boolean matches(Map<String, String> labels) {
    if (!isValid()) {
      return false;
    }
    for (Map.Entry<String, String> e : matchLabels.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (Requirement r : expressions) {
      if (!r.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  /** One {@code matchExpressions} entry. */
  public record Requirement(String key, Operator operator, Set<String> values) {
    public Requirement {
      values = Set.copyOf(values);
    }

    boolean matches(Map<String, String> labels) {
      String value = labels.get(key);
      return switch (operator) {
        case IN -> value != null && values.contains(value);
        case NOT_IN -> value == null || !values.contains(value);
        case EXISTS -> value != null;
        case DOES_NOT_EXIST -> value == null;
      };
    }
  }

  /** Label selector operators, with their Kubernetes spelling. */
  public enum Operator {
    IN("In"),
    NOT_IN("NotIn"),
    EXISTS("Exists"),
    DOES_NOT_EXIST("DoesNotExist");

    private final String wire;

    Operator(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    public static Operator fromWire(String s) {
      for (Operator o : values()) {
        if (o.wire.equals(s)) {
          return o;
        }
      }
      return null;
    }
  }
}
