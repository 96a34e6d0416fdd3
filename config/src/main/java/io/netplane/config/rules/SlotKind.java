package io.netplane.config.rules;

/** Where a pod's IP lives on a node, which decides the capacity it consumes. */
public enum SlotKind {
  /** A secondary IP on the node's shared ENIs ({@code max-available-ip}). */
  SHARED,
  /** A trunk member ENI ({@code aliyun/member-eni}). */
  MEMBER,
  /** An exclusive ENI ({@code aliyun/eni}) on an eniOnly node. */
  EXCLUSIVE,
  /** Nothing on the node: host network, unmanaged, or a virtual node. */
  NONE
}
