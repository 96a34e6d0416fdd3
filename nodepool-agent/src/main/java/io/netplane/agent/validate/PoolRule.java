package io.netplane.agent.validate;

import com.fasterxml.jackson.databind.JsonNode;

/** One validation rule over the raw document; adds every error it finds, never throws. */
interface PoolRule {
  void check(JsonNode doc, FieldErrors errors);
}
