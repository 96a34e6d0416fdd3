package io.netplane.extender.server;

import io.netplane.config.rules.Decision;
import io.netplane.config.rules.Reason;
import io.netplane.config.rules.ReasonId;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One key=value log line per decided request: at INFO when the filter leaves the pod no node
 * (naming each rule, how many nodes it rejected and one example with its numbers), at DEBUG
 * otherwise. One line per request, not per node: a 5000-node request must not flood the log.
 */
final class RejectionLog {
  private static final Logger LOG = LoggerFactory.getLogger(RejectionLog.class);

  private RejectionLog() {}

  static void log(String requestId, String verb, Decision d, long nanos) {
    boolean stuck = "filter".equals(verb) && d.fitCount() == 0 && d.size() > 0;
    if (!(stuck ? LOG.isInfoEnabled() : LOG.isDebugEnabled())) {
      return;
    }
    Map<ReasonId, Integer> counts = new EnumMap<>(ReasonId.class);
    Map<ReasonId, String> example = new EnumMap<>(ReasonId.class);
    for (int i = 0; i < d.size(); i++) {
      if (!d.verdict(i).fits()) {
        Reason r = d.verdict(i).rejecting();
        counts.merge(r.id(), 1, Integer::sum);
        example.putIfAbsent(
            r.id(), SafeText.of(d.node(i)) + ": " + SafeText.of(r.message() + " " + r.detail()));
      }
    }
    StringBuilder line =
        new StringBuilder()
            .append("request=")
            .append(requestId)
            .append(" verb=")
            .append(verb)
            .append(" pod=")
            .append(SafeText.of(d.pod().key()))
            .append(" network=")
            .append(d.resolution().kind())
            .append(" nodes=")
            .append(d.size())
            .append(" fit=")
            .append(d.fitCount())
            .append(" micros=")
            .append(nanos / 1000);
    counts.forEach(
        (id, c) ->
            line.append(' ')
                .append(id.id())
                .append('=')
                .append(c)
                .append(" (e.g. ")
                .append(example.get(id))
                .append(')'));
    if (stuck) {
      LOG.info("{}", line);
    } else {
      LOG.debug("{}", line);
    }
  }
}
