package io.netplane.config.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class IpLedgerTest {
  private final IpLedger ledger = new IpLedger();

  @Test
  void eachReservationTakesOneIpOffTheCloudsFreeCount() {
    ledger.reserve("vsw-a");
    ledger.reserve("vsw-a");
    ledger.reserve("vsw-b");

    assertThat(ledger.reserved("vsw-a")).isEqualTo(2);
    assertThat(ledger.reserved("vsw-c")).isZero();
    assertThat(ledger.free("vsw-a", 5L)).isEqualTo(3);
    assertThat(ledger.free("vsw-c", 5L)).isEqualTo(5);
  }

  @Test
  void moreReservationsThanFreeIpsLeaveNoneAndAllShow() {
    for (int i = 0; i < 3; i++) {
      ledger.reserve("vsw-a");
    }
    assertThat(ledger.free("vsw-a", 2L)).isZero();
    assertThat(ledger.byVSwitch()).isEqualTo(Map.of("vsw-a", 3L));
  }

  @Test
  void anUnknownCloudCountStaysUnknown() {
    ledger.reserve("vsw-a");
    assertThat(ledger.free("vsw-a", null)).isNull();
  }

  @Test
  void theCountsByVSwitchAreACopyNoCallerCanChange() {
    ledger.reserve("vsw-a");
    Map<String, Long> before = ledger.byVSwitch();
    ledger.reserve("vsw-a");

    assertThat(before).isEqualTo(Map.of("vsw-a", 1L));
    assertThatThrownBy(() -> before.put("vsw-b", 1L))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
