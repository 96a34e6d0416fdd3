package io.netplane.config.model;

/** The vSwitch choice Terway will actually apply (after its own mapping of configured names). */
public enum SelectionPolicy {
  /** Walk the list in order, first vSwitch with free IPs wins. */
  ORDERED,
  /** Most free IPs first. */
  MOST,
  /** Shuffled. */
  RANDOM;

  /**
   * eni-config: only the exact string {@code ordered} means "most free IPs"; anything else is
   * random.
   */
  public static SelectionPolicy fromEniConfig(String s) {
    return "ordered".equals(s) ? MOST : RANDOM;
  }

  /**
   * PodNetworking: {@code most} and {@code random} as named; empty or unknown behaves as ordered.
   */
  public static SelectionPolicy fromPodNetworking(String s) {
    if ("most".equals(s)) {
      return MOST;
    }
    return "random".equals(s) ? RANDOM : ORDERED;
  }
}
