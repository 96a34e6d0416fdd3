package io.netplane.extender.server;

import io.netplane.config.rules.Decider;

/** Where requests get the current decision core; each request takes it once. */
public interface DeciderSource {
  /** The current decider; only called when {@link #ready()}. */
  Decider current();

  /** Data is loaded and synced: requests can be answered. */
  boolean ready();

  /** A fixed snapshot, loaded before the server starts. */
  static DeciderSource fixed(Decider decider) {
    return new DeciderSource() {
      @Override
      public Decider current() {
        return decider;
      }

      @Override
      public boolean ready() {
        return true;
      }
    };
  }
}
