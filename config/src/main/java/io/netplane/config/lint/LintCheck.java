package io.netplane.config.lint;

import java.util.List;

/** One lint check. */
interface LintCheck {
  void check(LintContext ctx, List<Finding> out);
}
