package io.netplane.config.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.config.ledger.PodReservations.Reservation;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PodReservationsTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant LATER = NOW.plusSeconds(30);

  private final PodReservations ledger = new PodReservations();

  private static Reservation until(Instant expires, String... vSwitches) {
    return new Reservation(Set.of(vSwitches), expires, true);
  }

  @Test
  void aPodHasOneReservationAndReReservingReleasesOnlyWhatItNoLongerNeeds() {
    assertThat(ledger.reserve("uid-a", until(LATER, "vsw-a", "vsw-b"))).isEmpty();
    assertThat(ledger.reserve("uid-a", until(LATER, "vsw-b", "vsw-c"))).containsExactly("vsw-a");

    assertThat(ledger.size()).isEqualTo(1);
    assertThat(ledger.reservedExcept(null, NOW)).isEqualTo(Map.of("vsw-b", 1L, "vsw-c", 1L));
  }

  @Test
  void reservationsAreCountedForEveryPodButTheOneAsking() {
    ledger.reserve("uid-a", until(LATER, "vsw-a"));
    ledger.reserve("uid-b", until(LATER, "vsw-a", "vsw-b"));

    assertThat(ledger.reservedExcept("uid-a", NOW)).isEqualTo(Map.of("vsw-a", 1L, "vsw-b", 1L));
    assertThat(ledger.reservedExcept("uid-c", NOW)).isEqualTo(Map.of("vsw-a", 2L, "vsw-b", 1L));
  }

  @Test
  void anExpiredReservationCountsNoMoreAndExpiringReleasesItOnce() {
    ledger.reserve("uid-a", until(LATER, "vsw-a"));
    ledger.reserve("uid-b", until(LATER.plusSeconds(1), "vsw-b"));

    assertThat(ledger.reservedExcept(null, LATER)).isEqualTo(Map.of("vsw-b", 1L));
    assertThat(ledger.size()).as("kept until expired").isEqualTo(2);
    assertThat(ledger.expire(NOW)).isEmpty();
    assertThat(ledger.expire(LATER)).containsExactly(Set.of("vsw-a"));
    assertThat(ledger.expire(LATER)).isEmpty();
    assertThat(ledger.size()).isEqualTo(1);
  }

  @Test
  void releasingSaysWhatWasReleasedAndNothingTheSecondTime() {
    ledger.reserve("uid-a", until(LATER, "vsw-a"));

    assertThat(ledger.release("uid-a")).containsExactly("vsw-a");
    assertThat(ledger.release("uid-a")).isEmpty();
    assertThat(ledger.release("uid-never")).isEmpty();
    assertThat(ledger.reservedExcept(null, NOW)).isEmpty();
  }

  @Test
  void settledPodsAreReleasedWithoutBeingReported() {
    ledger.reserve("uid-a", until(LATER, "vsw-a"));
    ledger.reserve("uid-b", until(LATER, "vsw-b"));

    ledger.releaseIf("uid-a"::equals);

    assertThat(ledger.reservedExcept(null, NOW)).isEqualTo(Map.of("vsw-b", 1L));
  }

  @Test
  void releasingAllReportsEachReservation() {
    ledger.reserve("uid-a", until(LATER, "vsw-a"));
    ledger.reserve("uid-b", until(NOW, "vsw-b"));

    assertThat(ledger.releaseAll()).containsExactlyInAnyOrder(Set.of("vsw-a"), Set.of("vsw-b"));
    assertThat(ledger.size()).isZero();
  }

  @Test
  void confirmingExtendsOnlyAnUnconfirmedReservation() {
    ledger.reserve("uid-a", new Reservation(Set.of("vsw-a"), NOW.plusSeconds(2), false));
    ledger.reserve("uid-b", until(NOW.plusSeconds(5), "vsw-b"));

    ledger.confirm("uid-a", LATER);
    ledger.confirm("uid-b", LATER);
    ledger.confirm("uid-never", LATER);

    // uid-a now lasts until LATER; uid-b kept its own expiry, 5 s
    assertThat(ledger.reservedExcept(null, NOW.plusSeconds(10))).isEqualTo(Map.of("vsw-a", 1L));
    assertThat(ledger.size()).isEqualTo(2);
  }

  @Test
  void aReservationKeepsTheVSwitchesItWasGivenNotTheCallersLaterChanges() {
    Set<String> claims = new HashSet<>(Set.of("vsw-b"));
    ledger.reserve("uid-b", new Reservation(claims, LATER, true));
    claims.add("vsw-c");

    assertThat(ledger.reservedExcept(null, NOW)).isEqualTo(Map.of("vsw-b", 1L));
  }
}
