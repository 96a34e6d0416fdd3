package io.netplane.config.rules;

import java.util.List;
import java.util.Objects;

/**
 * The outcome for one node: a code and the reasons behind it (notes only when it fits). A value:
 * equal code and reasons make equal verdicts.
 */
public final class Verdict {

  public static final Verdict FIT = new Verdict(Code.FIT, List.of());

  private final Code code;
  private final List<Reason> reasons;
  // found once here: requests count thousands of nodes by it
  private final Reason rejecting;

  public Verdict(Code code, List<Reason> reasons) {
    this.code = Objects.requireNonNull(code, "code");
    this.reasons = List.copyOf(reasons);
    this.rejecting = this.reasons.stream().filter(r -> r.id().rejects()).findFirst().orElse(null);
  }

  public static Verdict of(List<Reason> reasons) {
    Code code = Code.FIT;
    for (Reason r : reasons) {
      code = code.worse(r.id().code());
    }
    return reasons.isEmpty() ? FIT : new Verdict(code, reasons);
  }

  public Code code() {
    return code;
  }

  public List<Reason> reasons() {
    return reasons;
  }

  public boolean fits() {
    return code == Code.FIT;
  }

  /** The first reason that rejects (explain verdicts may list notes before it); null when none. */
  public Reason rejecting() {
    return rejecting;
  }

  /**
   * The {@linkplain Reason#brief() brief lines} of the rejecting reasons joined into one: what
   * kube-scheduler gets for the node and shows in its event. Messages stay for explain.
   */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    for (Reason r : reasons) {
      if (r.id().rejects()) {
        if (sb.length() > 0) {
          sb.append("; ");
        }
        sb.append(r.brief());
      }
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Verdict v && code == v.code && reasons.equals(v.reasons);
  }

  @Override
  public int hashCode() {
    return Objects.hash(code, reasons);
  }

  @Override
  public String toString() {
    return "Verdict[code=" + code + ", reasons=" + reasons + "]";
  }
}
