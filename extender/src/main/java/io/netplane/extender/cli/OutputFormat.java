package io.netplane.extender.cli;

/** {@code -o} values. */
enum OutputFormat {
  table,
  json
}
