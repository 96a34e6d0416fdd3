package io.netplane.agent.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Collects every error of a document (Kubernetes' {@code field.ErrorList}), never stopping early.
 */
public final class FieldErrors {
  private final List<FieldError> errors = new ArrayList<>();

  public void add(String path, ErrorType type, JsonNode value, String detail) {
    errors.add(new FieldError(path, type, value == null ? null : value.toString(), detail));
  }

  public void required(String path, String detail) {
    add(path, ErrorType.REQUIRED, null, detail);
  }

  public void invalid(String path, JsonNode value, String detail) {
    add(path, ErrorType.INVALID, value, detail);
  }

  public void forbidden(String path, String detail) {
    add(path, ErrorType.FORBIDDEN, null, detail);
  }

  public List<FieldError> list() {
    return List.copyOf(errors);
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  /**
   * True when {@code node} is a string; otherwise records a type error (absent is the caller's).
   */
  public boolean string(String path, JsonNode node) {
    if (node.isTextual()) {
      return true;
    }
    add(path, ErrorType.TYPE_INVALID, node, "must be a string");
    return false;
  }

  /** Checks a string against a pattern and a maximum length. */
  public void matches(String path, JsonNode node, Pattern pattern, int maxLength, String what) {
    if (!string(path, node)) {
      return;
    }
    String s = node.asText();
    if (s.length() > maxLength) {
      add(path, ErrorType.TOO_LONG, node, "must have at most " + maxLength + " characters");
    } else if (!pattern.matcher(s).matches()) {
      invalid(path, node, what + " (regex " + pattern.pattern() + ")");
    }
  }

  /**
   * Checks an array: present (when {@code min > 0}), of at most {@code max} items, without
   * duplicates; then each item with {@code item}.
   */
  public void array(String path, JsonNode node, int min, int max, ItemCheck item) {
    if (node.isMissingNode() || node.isNull()) {
      if (min > 0) {
        required(path, "at least " + min + " item(s)");
      }
      return;
    }
    if (!node.isArray()) {
      add(path, ErrorType.TYPE_INVALID, node, "must be a list");
      return;
    }
    if (node.size() < min) {
      invalid(path, node, "must have at least " + min + " item(s)");
    }
    if (node.size() > max) {
      add(path, ErrorType.TOO_MANY, null, node.size() + ": must have at most " + max + " items");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode v = node.get(i);
      String p = path + "[" + i + "]";
      if (!seen.add(v.toString())) {
        add(p, ErrorType.DUPLICATE, v, null);
      }
      item.check(p, v);
    }
  }

  /** Checks that {@code node} has only the {@code known} fields. */
  public void onlyFields(String path, JsonNode node, Set<String> known) {
    if (!node.isObject()) {
      return;
    }
    node.fieldNames()
        .forEachRemaining(
            f -> {
              if (!known.contains(f)) {
                add(
                    path.isEmpty() ? f : path + "." + f,
                    ErrorType.UNKNOWN_FIELD,
                    null,
                    "known fields: " + String.join(", ", known.stream().sorted().toList()));
              }
            });
  }

  /** True when {@code node} is an object; records a type error otherwise. */
  public boolean object(String path, JsonNode node, Consumer<JsonNode> then) {
    if (!node.isObject()) {
      add(path, ErrorType.TYPE_INVALID, node, "must be an object");
      return false;
    }
    then.accept(node);
    return true;
  }

  /** One item of a list. */
  @FunctionalInterface
  public interface ItemCheck {
    void check(String path, JsonNode value);
  }
}
