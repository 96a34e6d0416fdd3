package io.netplane.config.rules;

/**
 * A kind of reason that depends only on the pod and a key of type {@code K} (a zone, a ConfigMap
 * name, ...): a request builds it once per key ({@link PodContext#reason}), so thousands of nodes
 * failing the same way share one reason and allocate nothing. Rules declare one constant per kind;
 * kinds compare by identity, keys by equality. Whatever else the reason depends on belongs in the
 * key.
 *
 * @param <K> the key; {@link Void} for a reason built once per request
 */
final class ReasonMemo<K> {
  private final String name;

  ReasonMemo(String name) {
    this.name = name;
  }

  @Override
  public String toString() {
    return name;
  }
}
