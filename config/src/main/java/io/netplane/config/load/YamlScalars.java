package io.netplane.config.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigInteger;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Types a plain YAML scalar by YAML 1.1 rules, those of go-yaml v2 under sigs.k8s.io/yaml, except
 * that y and n stay strings as SnakeYAML has them: null, bool (yes/no/on/off too), int (decimal,
 * 0x, 0b, leading-0 octal, {@code _} separators), float ({@code .inf}, {@code .nan} too).
 */
final class YamlScalars {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
  private static final Set<String> TRUES =
      Set.of("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON");
  private static final Set<String> FALSES =
      Set.of("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF");
  private static final Pattern INT =
      Pattern.compile("[-+]?(0b[01]+|0x[0-9a-fA-F]+|0[0-7]+|0|[1-9][0-9]*)");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|(0|[1-9][0-9]*)(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Pattern INFINITY = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
  private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");

  private YamlScalars() {}

  static JsonNode resolve(String value) {
    if (NULLS.contains(value)) {
      return NODES.nullNode();
    }
    if (TRUES.contains(value) || FALSES.contains(value)) {
      return NODES.booleanNode(TRUES.contains(value));
    }
    if (!maybeNumber(value)) {
      return NODES.textNode(value);
    }
    String plain = value.replace("_", "");
    if (INT.matcher(plain).matches()) {
      return integer(plain);
    }
    if (FLOAT.matcher(plain).matches()) {
      return NODES.numberNode(Double.parseDouble(plain));
    }
    if (INFINITY.matcher(value).matches()) {
      return NODES.numberNode(
          value.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    }
    if (NAN.matcher(value).matches()) {
      return NODES.numberNode(Double.NaN);
    }
    return NODES.textNode(value);
  }

  /** Most scalars are names and words: skips the patterns for them. */
  private static boolean maybeNumber(String value) {
    char c = value.charAt(0);
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
  }

  private static JsonNode integer(String plain) {
    boolean negative = plain.startsWith("-");
    String digits = plain.startsWith("-") || plain.startsWith("+") ? plain.substring(1) : plain;
    int radix = 10;
    if (digits.startsWith("0b") || digits.startsWith("0x")) {
      radix = digits.charAt(1) == 'b' ? 2 : 16;
      digits = digits.substring(2);
    } else if (digits.length() > 1 && digits.startsWith("0")) {
      radix = 8;
    }
    BigInteger n = new BigInteger(digits, radix);
    n = negative ? n.negate() : n;
    if (n.bitLength() < Integer.SIZE) {
      return NODES.numberNode(n.intValue());
    }
    return n.bitLength() < Long.SIZE ? NODES.numberNode(n.longValue()) : NODES.numberNode(n);
  }
}
