package io.netplane.config.rules;

import io.netplane.config.model.PodView;

/** What the pods bound to one node consume. */
final class NodeUsage {
  static final NodeUsage NONE = new NodeUsage();
  int shared;
  long member;
  long exclusive;

  void add(PodView p, SlotKind kind, int count) {
    long explicit = p.memberEniRequest() + p.eniRequest();
    member += p.memberEniRequest();
    exclusive += p.eniRequest();
    // Pods Terway's webhook has not patched still take their slot.
    switch (kind) {
      case SHARED -> shared += explicit == 0 ? 1 : 0;
      case MEMBER -> member += explicit == 0 ? count : 0;
      case EXCLUSIVE -> exclusive += explicit == 0 ? count : 0;
      case NONE -> {}
    }
  }
}
