package io.netplane.agent.validate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netplane.agent.model.FixedCidrPool;
import java.util.List;

/**
 * Validates a FixedCidrPool document as written (before any conversion, so a wrong type in one
 * field does not hide the errors in the others) and lists every error at once.
 */
public final class PoolValidator {
  /** The rules, in the order their errors are listed. */
  static final List<PoolRule> RULES =
      List.of(
          new DocumentRule(),
          new SpecFieldsRule(),
          new NodePoolRule(),
          new PodVSwitchesRule(),
          new SecurityGroupsRule(),
          new ConfigMapNameRule(),
          new TaintRule(),
          new LabelsRule(),
          new ExpectedPodsRule());

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private PoolValidator() {}

  /** Every error of {@code doc}; empty when it is valid. */
  public static List<FieldError> validate(JsonNode doc) {
    FieldErrors errors = new FieldErrors();
    if (doc == null || !doc.isObject()) {
      errors.add("", ErrorType.TYPE_INVALID, doc, "a FixedCidrPool document must be an object");
      return errors.list();
    }
    for (PoolRule r : RULES) {
      r.check(doc, errors);
    }
    return errors.list();
  }

  /**
   * The pool in {@code doc}.
   *
   * @throws InvalidPoolException listing every error when it is not valid
   */
  public static FixedCidrPool parse(String source, JsonNode doc) {
    List<FieldError> errors = validate(doc);
    if (!errors.isEmpty()) {
      throw new InvalidPoolException(source, errors);
    }
    return JSON.convertValue(doc, FixedCidrPool.class);
  }
}
