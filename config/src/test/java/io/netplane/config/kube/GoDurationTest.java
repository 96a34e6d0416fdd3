package io.netplane.config.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Go's time.ParseDuration, as Terway validates a PodNetworking's releaseAfter. */
class GoDurationTest {
  record Row(String text, Duration expected) {
    @Override
    public String toString() {
      return "\"" + text + "\" -> " + (expected == null ? "invalid" : expected);
    }
  }

  static Stream<Row> valid() {
    return Stream.of(
        new Row("1h30m", Duration.ofMinutes(90)),
        new Row("5m0s", Duration.ofMinutes(5)),
        new Row("300ms", Duration.ofMillis(300)),
        new Row("1.5h", Duration.ofMinutes(90)),
        new Row("10s", Duration.ofSeconds(10)),
        new Row("2h45m30s", Duration.ofHours(2).plusMinutes(45).plusSeconds(30)),
        new Row("1m30.5s", Duration.ofSeconds(90).plusMillis(500)),
        new Row("1500us", Duration.ofNanos(1_500_000)),
        new Row("1500µs", Duration.ofNanos(1_500_000)),
        new Row("42ns", Duration.ofNanos(42)),
        new Row("0", Duration.ZERO),
        new Row("0s", Duration.ZERO),
        new Row("168h", Duration.ofDays(7)),
        new Row("9223372036854775807ns", Duration.ofNanos(Long.MAX_VALUE)));
  }

  /**
   * Also valid for Go ({@code time_test.go} parseDurationTests): a fraction without integer part or
   * without digits after the dot, a leading sign, and micro spelled with U+03BC.
   */
  static Stream<Row> validInGoEdgeForms() {
    return Stream.of(
        new Row(".5s", Duration.ofMillis(500)),
        new Row("5.s", Duration.ofSeconds(5)),
        new Row("+5m", Duration.ofMinutes(5)),
        new Row("12\u03bcs", Duration.ofNanos(12_000)));
  }

  /**
   * Go rejects what does not fit an int64 of nanoseconds ("invalid duration"), as well as syntax
   * errors.
   */
  static Stream<Row> invalid() {
    return Stream.of(
        new Row("garbage", null),
        new Row("", null),
        new Row("5", null),
        new Row("1d", null),
        new Row("1h 30m", null),
        new Row("h", null),
        new Row("5m0", null),
        new Row("1.5.2s", null),
        new Row("five minutes", null),
        new Row("-", null),
        new Row("3000000h", null),
        new Row("9223372036854775808ns", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void parsesGoDurations(Row row) {
    assertThat(GoDuration.parse(row.text)).isEqualTo(row.expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validInGoEdgeForms")
  void parsesTheEdgeFormsGoAccepts(Row row) {
    assertThat(GoDuration.parse(row.text)).isEqualTo(row.expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void returnsNullForWhatGoRejects(Row row) {
    assertThat(GoDuration.parse(row.text)).isNull();
  }

  @org.junit.jupiter.api.Test
  void nullIsNotADuration() {
    assertThat(GoDuration.parse(null)).isNull();
  }
}
