package io.netplane.config.load;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Receives a file's documents one at a time. The elements of a root mapping's {@code items}
 * sequence are handed over as they are read, so a {@code List} of any size is never held whole.
 */
interface DocumentSink {
  /** One element of the current document's root {@code items} sequence. */
  void item(JsonNode item);

  /**
   * The current document, complete; when its items were handed to {@link #item}, its {@code items}
   * is an empty array.
   */
  void document(JsonNode root);
}
