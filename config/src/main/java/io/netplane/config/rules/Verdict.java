package io.netplane.config.rules;

import java.util.List;

/** The outcome for one node: a code and the reasons behind it (notes only when it fits). */
public record Verdict(Code code, List<Reason> reasons) {

  public static final Verdict FIT = new Verdict(Code.FIT, List.of());

  public Verdict {
    reasons = List.copyOf(reasons);
  }

  public static Verdict of(List<Reason> reasons) {
    Code code = Code.FIT;
    for (Reason r : reasons) {
      code = code.worse(r.id().code());
    }
    return reasons.isEmpty() ? FIT : new Verdict(code, reasons);
  }

  public boolean fits() {
    return code == Code.FIT;
  }

  /** The rejecting reasons joined into one line, as kube-scheduler shows them. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    for (Reason r : reasons) {
      if (r.id().rejects()) {
        if (sb.length() > 0) {
          sb.append("; ");
        }
        sb.append(r.id().id()).append(": ").append(r.message());
      }
    }
    return sb.toString();
  }
}
