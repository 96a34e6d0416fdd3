package io.netplane.config.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Predicate;

/**
 * The checks Terway runs when it loads an effective eni-config (decoding into its typed {@code
 * Config}, then {@code Config.Validate}): a config failing one is refused, and its nodes get no pod
 * IPs.
 */
final class EniConfigValidation {
  /** Terway's {@code Config.Validate}: {@code len(security_groups) > 10}, before de-duplication. */
  static final int MAX_SECURITY_GROUPS = 10;

  private static final Predicate<JsonNode> STRING = JsonNode::isTextual;
  private static final Predicate<JsonNode> INTEGER =
      n -> n.isIntegralNumber() && n.canConvertToInt();
  private static final Predicate<JsonNode> NUMBER = JsonNode::isNumber;
  private static final Predicate<JsonNode> BOOLEAN = JsonNode::isBoolean;
  private static final Predicate<JsonNode> STRINGS = n -> n.isArray() && all(n, STRING);
  private static final Predicate<JsonNode> ZONES =
      n -> n.isObject() && all(n, v -> v.isNull() || STRINGS.test(v));

  /** A key whose JSON type Go's decoder checks, with the type it needs (null always decodes). */
  private record Typed(String key, String type, Predicate<JsonNode> test) {}

  private static final List<Typed> TYPED =
      List.of(
          new Typed("vswitches", "an object of zone to vSwitch id lists", ZONES),
          new Typed("security_group", "a string", STRING),
          new Typed("security_groups", "a list of strings", STRINGS),
          new Typed("custom_stateful_workload_kinds", "a list of strings", STRINGS),
          new Typed("vswitch_selection_policy", "a string", STRING),
          new Typed("eni_selection_policy", "a string", STRING),
          new Typed("ip_stack", "a string", STRING),
          new Typed("ipam_type", "a string", STRING),
          new Typed("max_eni", "an integer", INTEGER),
          new Typed("min_eni", "an integer", INTEGER),
          new Typed("max_pool_size", "an integer", INTEGER),
          new Typed("min_pool_size", "an integer", INTEGER),
          new Typed("eni_cap_shift", "an integer", INTEGER),
          new Typed("eni_cap_ratio", "a number", NUMBER),
          new Typed("enable_eni_trunking", "a boolean", BOOLEAN),
          new Typed("enable_erdma", "a boolean", BOOLEAN),
          new Typed("disable_device_plugin", "a boolean", BOOLEAN));

  private EniConfigValidation() {}

  /** Why Terway refuses the effective config {@code conf}, naming the field; null when it loads. */
  static String problem(JsonNode conf) {
    for (Typed t : TYPED) {
      JsonNode v = conf.path(t.key());
      if (!v.isMissingNode() && !v.isNull() && !t.test().test(v)) {
        return t.key() + " is not " + t.type();
      }
    }
    String ipStack = conf.path("ip_stack").asText("");
    if (!ipStack.isEmpty() && !ipStack.equals("ipv4") && !ipStack.equals("dual")) {
      return "ip_stack \"" + ipStack + "\" is not supported; Terway accepts ipv4 or dual";
    }
    int groups = conf.path("security_groups").size();
    if (groups > MAX_SECURITY_GROUPS) {
      return "security_groups lists "
          + groups
          + " security groups; Terway accepts at most "
          + MAX_SECURITY_GROUPS;
    }
    return null;
  }

  private static boolean all(JsonNode container, Predicate<JsonNode> test) {
    for (JsonNode e : container) {
      if (!test.test(e)) {
        return false;
      }
    }
    return true;
  }
}
