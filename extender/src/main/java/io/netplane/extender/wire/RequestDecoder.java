package io.netplane.extender.wire;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the requests of {@code k8s.io/kube-scheduler/extender/v1}: struct fields without json tags,
 * so keys are matched case-insensitively (Go's decoder does the same); {@code null} is accepted
 * wherever a value may be absent. What a request may cost is bounded while it is read.
 */
public final class RequestDecoder {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The fewest node names a request may carry, whatever the snapshot's size: room for a cluster
   * that has grown since the snapshot, or one not loaded yet.
   */
  public static final int MIN_NAMES_LIMIT = 1000;

  private RequestDecoder() {}

  /** How many node names a request may carry against a snapshot of {@code nodeCount} nodes. */
  public static int maxNames(int nodeCount) {
    return Math.max(MIN_NAMES_LIMIT, 4 * nodeCount);
  }

  /**
   * {@code ExtenderArgs}, its node names resolved against the served snapshot: a known name is the
   * snapshot's own String, numbered as there; more than {@code maxNames} names are refused.
   */
  public static ExtenderArgs filterArgs(byte[] body, ServedSnapshot served, int maxNames) {
    return new ArgsReader(JSON, body, served, maxNames).read();
  }

  /**
   * {@code ExtenderPreemptionArgs}: {@code NodeNameToMetaVictims} (nodeCacheCapable) or {@code
   * NodeNameToVictims}, whose full victim pods are reduced to their UIDs; more candidate nodes than
   * {@code maxNames} are refused.
   */
  public static PreemptionArgs preemptionArgs(byte[] body, int maxNames) {
    return new PreemptionReader(JSON, body, maxNames).read();
  }

  /** A request that is not JSON, or breaks the parser's limits (length, nesting): one line. */
  static BadRequestException malformed(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    return new BadRequestException(
        "malformed JSON" + where + ": " + AnswerBytes.oneLine(e.getOriginalMessage()), e);
  }
}
