package io.netplane.config.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @ParameterizedTest
  @CsvSource({
    "50ms, PT0.05S",
    "30s, PT30S",
    "5m, PT5M",
    "1h30m, PT1H30M",
    "1.5h, PT1H30M",
    "' 10s ', PT10S",
    "PT1M, PT1M",
    "PT0.05S, PT0.05S",
    "0, PT0S"
  })
  void goAndIsoSpellingsAreAccepted(String text, String expected) {
    assertThat(converter.convert(text)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "5", "5 m", "1d", "-5s", "PT-5S", "abc"})
  void otherTextIsRefusedNamingTheValue(String text) {
    assertThatThrownBy(() -> converter.convert(text))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("'" + text + "'");
  }

  @ParameterizedTest
  @CsvSource({"PT0.05S, 50ms", "PT1H30M, 1h30m", "PT10M, 10m", "PT1M30.5S, 1m30s500ms", "PT0S, 0s"})
  void formatsAsGoDoes(String iso, String go) {
    assertThat(DurationConverter.format(Duration.parse(iso))).isEqualTo(go);
    assertThat(converter.convert(go)).isEqualTo(Duration.parse(iso));
  }
}
