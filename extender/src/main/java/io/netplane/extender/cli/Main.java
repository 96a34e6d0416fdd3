package io.netplane.extender.cli;

public final class Main {
  public static void main(String[] args) {}
}
