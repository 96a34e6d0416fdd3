package io.netplane.agent.cli;

import io.netplane.agent.apply.ApplyListener;
import java.io.PrintWriter;

/**
 * Progress lines on stderr ({@code [pool] list nodes ...}) while a command waits on the API server
 * or the cloud, so that stdout stays the command's result.
 */
final class Progress {
  private Progress() {}

  static void line(PrintWriter err, String pool, String what) {
    synchronized (err) {
      err.printf("[%s] %s ...%n", pool, what);
      err.flush();
    }
  }

  /** A listener that only reports the calls. */
  static ApplyListener to(PrintWriter err, String pool) {
    return new ApplyListener() {
      @Override
      public void calling(String what) {
        line(err, pool, what);
      }
    };
  }
}
