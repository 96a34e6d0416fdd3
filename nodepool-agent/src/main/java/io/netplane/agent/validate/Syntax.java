package io.netplane.agent.validate;

import java.util.regex.Pattern;

/**
 * The shapes of names and ids, shared by the Java validation and (kept equal by a test) the CRD's
 * OpenAPI schema.
 */
public final class Syntax {
  public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
  public static final String DNS_SUBDOMAIN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
  public static final String LABEL_VALUE = "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$";
  public static final String QUALIFIED_NAME =
      "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
          + "[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$";
  public static final String VSWITCH_ID = "^vsw-[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
  public static final String SECURITY_GROUP_ID = "^sg-[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
  public static final String NODE_POOL_ID = "^np[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
  public static final String NODE_POOL_NAME = "^[A-Za-z0-9][A-Za-z0-9_-]*$";
  public static final String INSTANCE_TYPE = "^ecs\\.[a-z0-9-]+\\.[a-z0-9-]+$";

  public static final int MAX_LABEL_VALUE = 63;
  public static final int MAX_QUALIFIED_NAME = 316;
  public static final int MAX_SUBDOMAIN = 253;

  /** Terway accepts at most 10 security groups ({@code security_groups}). */
  public static final int MAX_SECURITY_GROUPS = 10;

  public static final int MAX_INSTANCE_TYPES = 10;
  public static final int MAX_DESIRED_SIZE = 1000;

  /** {@code eni-config-} plus the pool name must still be a label value (terway-config). */
  public static final int MAX_POOL_NAME = MAX_LABEL_VALUE - "eni-config-".length();

  static final Pattern DNS_LABEL_P = Pattern.compile(DNS_LABEL);
  static final Pattern DNS_SUBDOMAIN_P = Pattern.compile(DNS_SUBDOMAIN);
  static final Pattern LABEL_VALUE_P = Pattern.compile(LABEL_VALUE);
  static final Pattern QUALIFIED_NAME_P = Pattern.compile(QUALIFIED_NAME);
  static final Pattern VSWITCH_ID_P = Pattern.compile(VSWITCH_ID);
  static final Pattern SECURITY_GROUP_ID_P = Pattern.compile(SECURITY_GROUP_ID);
  static final Pattern NODE_POOL_ID_P = Pattern.compile(NODE_POOL_ID);
  static final Pattern NODE_POOL_NAME_P = Pattern.compile(NODE_POOL_NAME);
  static final Pattern INSTANCE_TYPE_P = Pattern.compile(INSTANCE_TYPE);

  private Syntax() {}
}
