package io.netplane.agent.run;

import java.util.concurrent.ThreadFactory;

/** Named daemon threads: none of the controller's threads may keep the JVM alive after SIGTERM. */
final class DaemonThreads {
  private DaemonThreads() {}

  static ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
