package io.netplane.agent.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netplane.agent.apply.Backoff;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkQueueTest {
  final WorkQueue queue =
      new WorkQueue(
          new Backoff(
              Duration.ofMillis(10), Duration.ofMillis(80), Integer.MAX_VALUE, Backoff.REAL));

  @AfterEach
  void close() {
    queue.close();
  }

  @Test
  void aNameQueuedManyTimesIsTakenOnceInArrivalOrder() throws Exception {
    queue.add("a");
    queue.add("b");
    queue.add("a");
    queue.add("b");
    assertThat(queue.depth()).isEqualTo(2);
    assertThat(queue.take()).isEqualTo("a");
    assertThat(queue.take()).isEqualTo("b");
    assertThat(queue.depth()).isZero();
  }

  @Test
  void aNameBeingProcessedIsNotHandedOutAgainButQueuedOnceWhenDone() throws Exception {
    queue.add("a");
    assertThat(queue.take()).isEqualTo("a");
    queue.add("a");
    queue.add("a");
    assertThat(queue.depth()).as("held back while a worker has it").isZero();

    queue.done("a");
    assertThat(queue.depth()).isEqualTo(1);
    assertThat(queue.take()).isEqualTo("a");
    queue.done("a");
    assertThat(queue.depth()).as("the repeated adds count once").isZero();
  }

  @Test
  void failuresBackOffExponentiallyUpToTheCapAndForgetStartsOver() {
    // each wait is jittered within the upper half of its exponential ceiling
    assertThat(queue.addRateLimited("a")).isBetween(Duration.ofMillis(5), Duration.ofMillis(10));
    assertThat(queue.addRateLimited("a")).isBetween(Duration.ofMillis(10), Duration.ofMillis(20));
    assertThat(queue.addRateLimited("a")).isBetween(Duration.ofMillis(20), Duration.ofMillis(40));
    assertThat(queue.addRateLimited("a")).isBetween(Duration.ofMillis(40), Duration.ofMillis(80));
    assertThat(queue.addRateLimited("a")).isBetween(Duration.ofMillis(40), Duration.ofMillis(80));
    assertThat(queue.addRateLimited("b"))
        .as("per name")
        .isBetween(Duration.ofMillis(5), Duration.ofMillis(10));

    queue.forget("a");
    assertThat(queue.addRateLimited("a")).isBetween(Duration.ofMillis(5), Duration.ofMillis(10));
  }

  @Test
  void aRateLimitedNameComesBackAfterItsDelay() throws Exception {
    queue.addRateLimited("a");
    await().atMost(Duration.ofSeconds(2)).until(() -> queue.depth() == 1);
    assertThat(queue.take()).isEqualTo("a");
  }

  @Test
  void clearDropsWaitingNamesAndCloseReleasesWaitingWorkers() throws Exception {
    queue.add("a");
    queue.clear();
    assertThat(queue.depth()).isZero();

    // closed before or while take() waits: it returns null either way
    Thread closer = new Thread(queue::close);
    closer.start();
    assertThat(queue.take()).as("a blocked take returns null on close").isNull();
    closer.join();
    queue.add("b");
    assertThat(queue.depth()).as("nothing queued once closed").isZero();
  }
}
