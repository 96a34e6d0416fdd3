package io.netplane.config.model.archfixture;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Classes in a package of the decision core for {@code ArchitectureRulesTest}: one breaks each
 * rule, one breaks none. Test classes, so no module's {@code ArchitectureTest} sees them.
 */
final class Fixtures {
  private Fixtures() {}

  static final class ReadsTheClock {
    long now() {
      return System.currentTimeMillis();
    }
  }

  static final class ReadsTheEnvironment {
    String home() {
      return System.getenv("HOME");
    }
  }

  static final class AsksForTheTime {
    Instant now() {
      return Instant.now();
    }
  }

  static final class DatesToday {
    Date today() {
      return new Date();
    }
  }

  static final class Sleeps {
    void pause() throws InterruptedException {
      Thread.sleep(1);
    }
  }

  static final class Logs {
    Object logger() {
      return org.slf4j.LoggerFactory.getLogger(Logs.class);
    }
  }

  static final class Pure {
    List<Instant> later(Instant given) {
      return List.of(given.plusSeconds(1));
    }
  }
}
