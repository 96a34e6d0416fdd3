package io.netplane.config.model;

import java.util.Map;

/** The labels of a namespace: all the decision core needs. */
public record NamespaceView(String name, Map<String, String> labels) {
  public NamespaceView {
    labels = Map.copyOf(labels);
  }

  /** Labelled {@code k8s.aliyun.com/pod-eni: "false"}: Terway's webhook skips the namespace. */
  public boolean optedOutOfPodNetworking() {
    return "false".equals(labels.get(Labels.POD_ENI));
  }
}
