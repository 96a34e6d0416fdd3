package io.netplane.config.concurrent;

import java.util.concurrent.ThreadFactory;

/** Named daemon threads: background work that must never keep a stopping process alive. */
public final class DaemonThreads {
  private DaemonThreads() {}

  public static ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
