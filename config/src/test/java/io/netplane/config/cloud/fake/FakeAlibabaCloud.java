package io.netplane.config.cloud.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.netplane.config.cloud.CloudConfig;
import io.netplane.config.cloud.CloudCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Alibaba Cloud OpenAPI server speaking the wire protocol the V2 ("tea") SDKs use, for
 * tests of the cloud adapter, the extender's live mode and the node-pool agent.
 *
 * <ul>
 *   <li>Every request must carry a valid ACS3-HMAC-SHA256 {@code Authorization} (recomputed here,
 *       see {@link Acs3Signature}); fresh {@code x-acs-date}, unused {@code x-acs-signature-nonce},
 *       {@code x-acs-content-sha256} matching the body; STS tokens checked when registered.
 *   <li>RPC (VPC, ECS): {@code POST /} with parameters in the query, dispatched on {@code
 *       x-acs-action}: DescribeVSwitches (PageNumber/PageSize max 50/VpcId/VSwitchId/ZoneId) and
 *       DescribeInstanceTypes (InstanceTypes.1..10, MaxResults, NextToken).
 *   <li>ROA (Container Service): {@code GET|POST /clusters/{cid}/nodepools}, {@code GET|PUT
 *       /clusters/{cid}/nodepools/{npid}}, in-memory.
 *   <li>Errors: JSON {@code {Code, Message, RequestId, HostId}} with the HTTP status the real
 *       service uses (400 for throttling and bad parameters, 404 for unknown resources).
 *   <li>Faults per action (or {@code "*"}): {@link #failNext} (N failures, then success), {@link
 *       #failNth} (only the n-th call, e.g. page 2), {@link #failAlways}, {@link #delay}.
 *   <li>Every request is recorded ({@link #calls()}).
 * </ul>
 *
 * <p>Start with {@link #start()}, point clients at {@link #cloudConfig()}, close when done.
 */
public final class FakeAlibabaCloud implements AutoCloseable {
  public static final String ACCESS_KEY_ID = "LTAIfakeAccessKeyId";
  public static final String ACCESS_KEY_SECRET = "fakeAccessKeySecret";
  public static final String REGION = "cn-hangzhou";

  /** Faults and delays registered under this action apply to every action. */
  public static final String ANY_ACTION = "*";

  static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);
  static final int MAX_VSWITCH_PAGE_SIZE = 50;
  static final int MAX_INSTANCE_TYPES_PER_CALL = 10;
  static final int MAX_RESULTS = 1600;
  private static final Map<String, String> VERSIONS =
      Map.of(
          "DescribeVSwitches", "2016-04-28",
          "DescribeInstanceTypes", "2014-05-26",
          "DescribeClusterNodePools", "2015-12-15",
          "DescribeClusterNodePoolDetail", "2015-12-15",
          "CreateClusterNodePool", "2015-12-15",
          "ModifyClusterNodePool", "2015-12-15");
  private static final Pattern POOLS = Pattern.compile("/clusters/([^/]+)/nodepools/?");
  private static final Pattern POOL = Pattern.compile("/clusters/([^/]+)/nodepools/([^/]+)/?");
  private static final Pattern INSTANCE_TYPES_N = Pattern.compile("InstanceTypes\\.(\\d+)");
  private static final Set<String> TAINT_EFFECTS =
      Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");
  private static final String TOKEN_PREFIX = "fake-next-";

  /** A scripted "succeed" slot in a fault queue (see {@link #failNth}). */
  private static final Fault PASS = new Fault(200, "", "");

  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  private final ExecutorService executor;
  private final String regionId;

  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  private final Map<String, String> stsTokens = new ConcurrentHashMap<>();
  private final Set<String> usedNonces = ConcurrentHashMap.newKeySet();

  // inventory and clusters: guarded by "this"
  private final Map<String, FakeVSwitch> vSwitches = new LinkedHashMap<>();
  private final Map<String, FakeInstanceType> instanceTypes = new LinkedHashMap<>();
  private final Map<String, Map<String, FakeNodePool>> clusters = new LinkedHashMap<>();
  private int instanceTypePageLimit = MAX_RESULTS;

  // faults: guarded by "faults"
  private final Map<String, LinkedList<Fault>> faults = new HashMap<>();
  private final Map<String, Fault> permanentFaults = new HashMap<>();
  private final Map<String, Duration> delays = new ConcurrentHashMap<>();

  private final List<RecordedCall> calls = new CopyOnWriteArrayList<>();
  private volatile Consumer<RecordedCall> callSink = calls::add;
  private final AtomicLong sequence = new AtomicLong();

  private FakeAlibabaCloud(String regionId, int port) throws IOException {
    this.regionId = regionId;
    secrets.put(ACCESS_KEY_ID, ACCESS_KEY_SECRET);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    // several threads, so an injected delay on one action does not stall the others
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fake-alibaba-cloud");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts on 127.0.0.1, a free port, region {@value #REGION}. */
  public static FakeAlibabaCloud start() {
    return start(REGION);
  }

  /** Starts on 127.0.0.1, a free port, in {@code regionId}. */
  public static FakeAlibabaCloud start(String regionId) {
    return start(regionId, 0);
  }

  /** Starts on 127.0.0.1:{@code port} (0: a free one), in {@code regionId}. */
  public static FakeAlibabaCloud start(String regionId, int port) {
    try {
      return new FakeAlibabaCloud(regionId, port);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot start the fake Alibaba Cloud server on 127.0.0.1:" + port + ": " + e.getMessage(),
          e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code 127.0.0.1:port}, the form {@code Config.setEndpoint} wants (no scheme). */
  public String endpoint() {
    return "127.0.0.1:" + port();
  }

  public String regionId() {
    return regionId;
  }

  /** A config for every product pointing here over HTTP with the fake's AccessKey. */
  public CloudConfig cloudConfig() {
    return cloudConfigBuilder().build();
  }

  /** {@link #cloudConfig()} as a builder, to change timeouts or credentials. */
  public CloudConfig.Builder cloudConfigBuilder() {
    return CloudConfig.builder(regionId)
        .endpoint(endpoint())
        .protocol(CloudConfig.Protocol.HTTP)
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(5))
        .credentials(CloudCredentials.accessKey(ACCESS_KEY_ID, ACCESS_KEY_SECRET));
  }

  // ---------------------------------------------------------------- state set-up

  /** Accepts another AccessKey pair. */
  public FakeAlibabaCloud addAccessKey(String accessKeyId, String secret) {
    secrets.put(accessKeyId, secret);
    stsTokens.remove(accessKeyId);
    return this;
  }

  /** Accepts an STS AccessKey pair; requests must carry {@code x-acs-security-token: token}. */
  public FakeAlibabaCloud addStsToken(String accessKeyId, String secret, String token) {
    secrets.put(accessKeyId, secret);
    stsTokens.put(accessKeyId, token);
    return this;
  }

  /** Adds (or replaces) a vSwitch; keep the returned handle to change its free IPs later. */
  public synchronized FakeVSwitch addVSwitch(
      String id, String zoneId, String cidrBlock, String vpcId, long availableIps) {
    FakeVSwitch v = new FakeVSwitch(id, zoneId, cidrBlock, vpcId, availableIps);
    vSwitches.put(id, v);
    return v;
  }

  /** The vSwitch, or null. */
  public synchronized FakeVSwitch vSwitch(String id) {
    return vSwitches.get(id);
  }

  public synchronized void removeVSwitch(String id) {
    vSwitches.remove(id);
  }

  /** Adds (or replaces) an instance type. */
  public synchronized FakeInstanceType addInstanceType(
      String id, int eniQuantity, int ipsPerEni, int eniTotalQuantity, boolean trunkSupported) {
    FakeInstanceType t =
        new FakeInstanceType(id, eniQuantity, ipsPerEni, eniTotalQuantity, trunkSupported);
    instanceTypes.put(id, t);
    return t;
  }

  /**
   * Caps DescribeInstanceTypes pages below MaxResults, so tests exercise NextToken with a handful
   * of types (the real service may also return fewer items than asked for).
   */
  public synchronized FakeAlibabaCloud instanceTypePageLimit(int limit) {
    this.instanceTypePageLimit = limit;
    return this;
  }

  /** Adds an (empty) cluster; unknown clusters answer 404 ErrorClusterNotFound. */
  public synchronized FakeAlibabaCloud addCluster(String clusterId) {
    clusters.computeIfAbsent(clusterId, c -> new LinkedHashMap<>());
    return this;
  }

  /** Adds a node pool (and its cluster when new); set it up through the returned handle. */
  public synchronized FakeNodePool addNodePool(String clusterId, String nodePoolId, String name) {
    FakeNodePool pool = new FakeNodePool(nodePoolId, name);
    clusters.computeIfAbsent(clusterId, c -> new LinkedHashMap<>()).put(nodePoolId, pool);
    return pool;
  }

  /** The node pool, or null. */
  public synchronized FakeNodePool nodePool(String clusterId, String nodePoolId) {
    Map<String, FakeNodePool> pools = clusters.get(clusterId);
    return pools == null ? null : pools.get(nodePoolId);
  }

  /** The node pool with that name, or null. */
  public synchronized FakeNodePool nodePoolNamed(String clusterId, String name) {
    Map<String, FakeNodePool> pools = clusters.getOrDefault(clusterId, Map.of());
    return pools.values().stream().filter(p -> name.equals(p.name())).findFirst().orElse(null);
  }

  /** Node pools of the cluster in creation order. */
  public synchronized List<FakeNodePool> nodePools(String clusterId) {
    return List.copyOf(clusters.getOrDefault(clusterId, Map.of()).values());
  }

  // ---------------------------------------------------------------- faults

  /** The next {@code times} calls of {@code action} fail with {@code fault}; then calls succeed. */
  public FakeAlibabaCloud failNext(String action, int times, Fault fault) {
    synchronized (faults) {
      LinkedList<Fault> queue = faults.computeIfAbsent(action, a -> new LinkedList<>());
      for (int i = 0; i < times; i++) {
        queue.add(fault);
      }
    }
    return this;
  }

  /**
   * Only the {@code n}-th call of {@code action} from now (1-based, counted after faults already
   * queued for it) fails; the ones before succeed. E.g. page 2 of a listing.
   */
  public FakeAlibabaCloud failNth(String action, int n, Fault fault) {
    synchronized (faults) {
      LinkedList<Fault> queue = faults.computeIfAbsent(action, a -> new LinkedList<>());
      while (queue.size() < n) {
        queue.add(PASS);
      }
      queue.set(n - 1, fault);
    }
    return this;
  }

  /** Every call of {@code action} fails with {@code fault} until {@link #clearFaults()}. */
  public FakeAlibabaCloud failAlways(String action, Fault fault) {
    synchronized (faults) {
      permanentFaults.put(action, fault);
    }
    return this;
  }

  /**
   * Every call of {@code action} is answered after {@code latency} (until {@link #clearFaults()}).
   */
  public FakeAlibabaCloud delay(String action, Duration latency) {
    delays.put(action, latency);
    return this;
  }

  /** Removes every fault and delay. */
  public FakeAlibabaCloud clearFaults() {
    synchronized (faults) {
      faults.clear();
      permanentFaults.clear();
    }
    delays.clear();
    return this;
  }

  // ---------------------------------------------------------------- recorded calls

  /** Every request received so far, in arrival order. */
  public List<RecordedCall> calls() {
    return List.copyOf(calls);
  }

  /** Requests of one action. */
  public List<RecordedCall> calls(String action) {
    return calls.stream().filter(c -> action.equals(c.action())).toList();
  }

  public void clearCalls() {
    calls.clear();
  }

  /**
   * Hands every request to {@code sink} instead of keeping it for {@link #calls()}, so a
   * long-running server logs its requests without holding them all.
   */
  public FakeAlibabaCloud callSink(Consumer<RecordedCall> sink) {
    this.callSink = sink;
    return this;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---------------------------------------------------------------- request handling

  /** An error answer; thrown anywhere below {@link #handle}. */
  private static final class ApiError extends RuntimeException {
    final int status;
    final String code;

    ApiError(int status, String code, String message) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
    }
  }

  private record Request(
      String method,
      String path,
      Map<String, String> query,
      Map<String, String> headers,
      byte[] body,
      String action) {}

  private void handle(HttpExchange exchange) throws IOException {
    String requestId = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    Request request = read(exchange);
    int status;
    String errorCode = null;
    byte[] response;
    try {
      Duration latency = delays.getOrDefault(request.action(), delays.get(ANY_ACTION));
      if (latency != null) {
        Thread.sleep(latency.toMillis());
      }
      verifySignature(request);
      injectFault(request.action());
      ObjectNode result = dispatch(request);
      result.put("RequestId", requestId);
      status = 200;
      response = json.writeValueAsBytes(result);
    } catch (ApiError e) {
      status = e.status;
      errorCode = e.code;
      ObjectNode error =
          json.createObjectNode()
              .put("RequestId", requestId)
              .put("HostId", endpoint())
              .put("Code", e.code)
              .put("Message", e.getMessage());
      response = json.writeValueAsBytes(error);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.close();
      return;
    } catch (RuntimeException e) {
      status = 500;
      errorCode = "InternalError";
      response =
          json.writeValueAsBytes(
              json.createObjectNode()
                  .put("RequestId", requestId)
                  .put("Code", "InternalError")
                  .put("Message", "fake failed: " + e));
    }
    callSink.accept(
        new RecordedCall(
            request.action(),
            request.method(),
            request.path(),
            Collections.unmodifiableMap(new TreeMap<>(request.query())),
            new String(request.body(), StandardCharsets.UTF_8),
            status,
            errorCode));
    exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
    exchange.getResponseHeaders().set("x-acs-request-id", requestId);
    exchange.sendResponseHeaders(status, response.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(response);
    }
  }

  private Request read(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    Map<String, String> headers = new HashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
    String method = exchange.getRequestMethod();
    String rawPath = exchange.getRequestURI().getRawPath();
    Map<String, String> query = new LinkedHashMap<>();
    String rawQuery = exchange.getRequestURI().getRawQuery();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        String k = eq < 0 ? pair : pair.substring(0, eq);
        String v = eq < 0 ? "" : pair.substring(eq + 1);
        // the SDK builds the URL with URLEncoder, so '+' is a space here
        query.put(
            URLDecoder.decode(k, StandardCharsets.UTF_8),
            URLDecoder.decode(v, StandardCharsets.UTF_8));
      }
    }
    return new Request(method, rawPath, query, headers, body, actionOf(method, rawPath, headers));
  }

  /** RPC: the x-acs-action header. ROA: derived from method and path, like the API catalogue. */
  private static String actionOf(String method, String path, Map<String, String> headers) {
    if (path.equals("/") || path.isEmpty()) {
      String action = headers.get("x-acs-action");
      return action == null ? "" : action;
    }
    if (POOLS.matcher(path).matches()) {
      return switch (method) {
        case "GET" -> "DescribeClusterNodePools";
        case "POST" -> "CreateClusterNodePool";
        default -> method + " " + path;
      };
    }
    if (POOL.matcher(path).matches()) {
      return switch (method) {
        case "GET" -> "DescribeClusterNodePoolDetail";
        case "PUT" -> "ModifyClusterNodePool";
        default -> method + " " + path;
      };
    }
    return method + " " + path;
  }

  // ---------------------------------------------------------------- signature

  private void verifySignature(Request r) {
    Acs3Signature.Parsed auth = Acs3Signature.parse(r.headers().get("authorization"));
    if (auth == null) {
      throw new ApiError(
          400,
          "IncompleteSignature",
          "The request signature does not conform to Aliyun standards: missing or malformed "
              + Acs3Signature.ALGORITHM
              + " Authorization header.");
    }
    List<String> required =
        new ArrayList<>(
            List.of("host", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"));
    // every x-acs-* header and content-type must be covered by the signature, as the service
    // demands
    r.headers().keySet().stream()
        .filter(h -> h.startsWith("x-acs-") || h.equals("content-type"))
        .forEach(required::add);
    for (String h : new LinkedHashSet<>(required)) {
      if (!auth.signedHeaders().contains(h) || r.headers().get(h) == null) {
        throw new ApiError(
            400, "IncompleteSignature", "Header " + h + " is missing or not signed.");
      }
    }
    String secret = secrets.get(auth.accessKeyId());
    if (secret == null) {
      throw new ApiError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
    }
    String expectedToken = stsTokens.get(auth.accessKeyId());
    if (expectedToken != null && !expectedToken.equals(r.headers().get("x-acs-security-token"))) {
      throw new ApiError(
          400,
          "InvalidSecurityToken.MismatchWithAccessKey",
          "The security token does not match the access key.");
    }
    String payloadHash = Acs3Signature.sha256Hex(r.body());
    if (!payloadHash.equals(r.headers().get("x-acs-content-sha256"))) {
      throw new ApiError(
          400, "SignatureDoesNotMatch", "x-acs-content-sha256 does not match the request body.");
    }
    String canonical =
        Acs3Signature.canonicalRequest(
            r.method(), r.path(), r.query(), r.headers(), auth.signedHeaders(), payloadHash);
    String expected = Acs3Signature.signature(secret, canonical);
    if (!expected.equals(auth.signature())) {
      throw new ApiError(
          400, "SignatureDoesNotMatch", "Specified signature does not match our calculation.");
    }
    try {
      Instant date = Instant.parse(r.headers().get("x-acs-date"));
      if (Duration.between(date, Instant.now()).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
        throw new ApiError(
            400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
      }
    } catch (DateTimeParseException e) {
      throw new ApiError(
          400,
          "InvalidTimeStamp.Format",
          "Specified time stamp or date value is not well formatted.");
    }
    String version = VERSIONS.get(r.action());
    if (version != null && !version.equals(r.headers().get("x-acs-version"))) {
      throw new ApiError(400, "InvalidVersion", "Specified parameter Version is not valid.");
    }
    // checked last so that a rejected request does not burn its nonce
    if (!usedNonces.add(r.headers().get("x-acs-signature-nonce"))) {
      throw new ApiError(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
    }
  }

  private void injectFault(String action) {
    Fault fault;
    synchronized (faults) {
      fault = poll(action);
      if (fault == null) {
        fault = poll(ANY_ACTION);
      }
      if (fault == null) {
        fault = permanentFaults.getOrDefault(action, permanentFaults.get(ANY_ACTION));
      }
    }
    if (fault != null && fault != PASS) {
      throw new ApiError(fault.status(), fault.code(), fault.message());
    }
  }

  /** The next scripted outcome: a fault, {@link #PASS} (succeed, consumed), or null (none left). */
  private Fault poll(String action) {
    LinkedList<Fault> queue = faults.get(action);
    return queue == null ? null : queue.poll();
  }

  // ---------------------------------------------------------------- dispatch

  private ObjectNode dispatch(Request r) {
    if (r.path().equals("/")) {
      return switch (r.action()) {
        case "DescribeVSwitches" -> describeVSwitches(r.query());
        case "DescribeInstanceTypes" -> describeInstanceTypes(r.query());
        default -> throw notFound(r);
      };
    }
    Matcher one = POOL.matcher(r.path());
    if (one.matches()) {
      String cluster = decode(one.group(1));
      String pool = decode(one.group(2));
      return switch (r.method()) {
        case "GET" -> existingPool(cluster, pool).toJson(json, regionId);
        case "PUT" -> modifyNodePool(cluster, existingPool(cluster, pool), body(r));
        default -> throw notFound(r);
      };
    }
    Matcher many = POOLS.matcher(r.path());
    if (many.matches()) {
      String cluster = decode(many.group(1));
      return switch (r.method()) {
        case "GET" -> describeNodePools(cluster);
        case "POST" -> createNodePool(cluster, body(r));
        default -> throw notFound(r);
      };
    }
    throw notFound(r);
  }

  private static ApiError notFound(Request r) {
    return new ApiError(
        404,
        "InvalidAction.NotFound",
        "Specified api is not found, please check your url and method: "
            + r.method()
            + " "
            + r.path()
            + (r.action().isEmpty() ? "" : " (" + r.action() + ")"));
  }

  private synchronized ObjectNode describeVSwitches(Map<String, String> q) {
    String region = q.get("RegionId");
    if (region == null || region.isEmpty()) {
      throw invalid("MissingParameter.RegionId", "RegionId is mandatory for this action.");
    }
    if (!region.equals(regionId)) {
      throw invalid(
          "InvalidRegionId.NotFound", "The specified region " + region + " does not exist here.");
    }
    int pageNumber = intParam(q, "PageNumber", 1, 1, Integer.MAX_VALUE);
    int pageSize = intParam(q, "PageSize", 10, 1, MAX_VSWITCH_PAGE_SIZE);
    List<FakeVSwitch> matching =
        vSwitches.values().stream()
            .filter(v -> matches(q.get("VpcId"), v.vpcId()))
            .filter(v -> matches(q.get("VSwitchId"), v.id()))
            .filter(v -> matches(q.get("ZoneId"), v.zoneId()))
            .toList();
    ObjectNode out = json.createObjectNode();
    out.put("TotalCount", matching.size()).put("PageNumber", pageNumber).put("PageSize", pageSize);
    ArrayNode items = out.putObject("VSwitches").putArray("VSwitch");
    long from = (long) (pageNumber - 1) * pageSize;
    for (long i = from; i < Math.min(matching.size(), from + pageSize); i++) {
      FakeVSwitch v = matching.get((int) i);
      items
          .addObject()
          .put("VSwitchId", v.id())
          .put("VSwitchName", v.id())
          .put("VpcId", v.vpcId())
          .put("ZoneId", v.zoneId())
          .put("CidrBlock", v.cidrBlock())
          .put("AvailableIpAddressCount", v.availableIps())
          .put("Status", "Available")
          .put("IsDefault", false)
          .put("CreationTime", "2024-01-01T00:00:00Z");
    }
    return out;
  }

  private synchronized ObjectNode describeInstanceTypes(Map<String, String> q) {
    Set<String> wanted = new LinkedHashSet<>();
    q.forEach(
        (k, v) -> {
          Matcher m = INSTANCE_TYPES_N.matcher(k);
          if (m.matches()) {
            int n = Integer.parseInt(m.group(1));
            if (n < 1 || n > MAX_INSTANCE_TYPES_PER_CALL) {
              throw invalid(
                  "InvalidParameter",
                  "InstanceTypes.N: N must be 1 to " + MAX_INSTANCE_TYPES_PER_CALL + ", got " + n);
            }
            wanted.add(v);
          }
        });
    int maxResults = intParam(q, "MaxResults", MAX_RESULTS, 1, MAX_RESULTS);
    int offset = 0;
    String token = q.get("NextToken");
    if (token != null && !token.isEmpty()) {
      try {
        offset = Integer.parseInt(token.substring(TOKEN_PREFIX.length()));
      } catch (RuntimeException e) {
        throw invalid("InvalidParameter", "The specified NextToken is invalid.");
      }
    }
    List<FakeInstanceType> matching =
        instanceTypes.values().stream()
            .filter(t -> wanted.isEmpty() || wanted.contains(t.id()))
            .toList();
    int end = Math.min(matching.size(), offset + Math.min(maxResults, instanceTypePageLimit));
    ObjectNode out = json.createObjectNode();
    ArrayNode items = out.putObject("InstanceTypes").putArray("InstanceType");
    for (int i = offset; i < end; i++) {
      FakeInstanceType t = matching.get(i);
      items
          .addObject()
          .put("InstanceTypeId", t.id())
          .put("EniQuantity", t.eniQuantity())
          .put("EniPrivateIpAddressQuantity", t.eniPrivateIpAddressQuantity())
          .put("EniTotalQuantity", t.eniTotalQuantity())
          .put("EniTrunkSupported", t.eniTrunkSupported())
          .put("CpuCoreCount", 2)
          .put("MemorySize", 8.0);
    }
    out.put("NextToken", end < matching.size() ? TOKEN_PREFIX + end : "");
    return out;
  }

  private synchronized ObjectNode describeNodePools(String clusterId) {
    ObjectNode out = json.createObjectNode();
    ArrayNode pools = out.putArray("nodepools");
    existingCluster(clusterId).values().forEach(p -> pools.add(p.toJson(json, regionId)));
    return out;
  }

  private synchronized ObjectNode createNodePool(String clusterId, JsonNode body) {
    Map<String, FakeNodePool> pools = existingCluster(clusterId);
    String name = body.path("nodepool_info").path("name").asText("");
    if (name.isBlank()) {
      throw invalid("InvalidParameter", "nodepool_info.name is required.");
    }
    if (pools.values().stream().anyMatch(p -> name.equals(p.name()))) {
      throw invalid(
          "InvalidParameter",
          "node pool name " + name + " already exists in cluster " + clusterId + ".");
    }
    JsonNode scaling = body.path("scaling_group");
    List<String> vsw = strings(scaling.path("vswitch_ids"), "scaling_group.vswitch_ids", true);
    List<String> types =
        strings(scaling.path("instance_types"), "scaling_group.instance_types", true);
    checkVSwitchesExist(vsw);
    String id = "np" + Long.toHexString(0x1000_0000L + sequence.incrementAndGet());
    FakeNodePool pool =
        new FakeNodePool(id, name)
            .type(body.path("nodepool_info").path("type").asText("ess"))
            .vSwitchIds(vsw)
            .instanceTypes(types)
            .securityGroupIds(
                strings(
                    scaling.path("security_group_ids"), "scaling_group.security_group_ids", false))
            .desiredSize(desiredSize(scaling, 0));
    JsonNode kube = body.path("kubernetes_config");
    pool.replaceLabels(labels(kube.path("labels")));
    pool.replaceTaints(taints(kube.path("taints")));
    pools.put(id, pool);
    return json.createObjectNode().put("nodepool_id", id).put("task_id", "T-" + id);
  }

  private synchronized ObjectNode modifyNodePool(
      String clusterId, FakeNodePool pool, JsonNode body) {
    JsonNode info = body.path("nodepool_info");
    JsonNode scaling = body.path("scaling_group");
    JsonNode kube = body.path("kubernetes_config");
    // validate everything before changing anything: a bad request changes nothing
    List<String> vsw =
        scaling.has("vswitch_ids")
            ? strings(scaling.get("vswitch_ids"), "scaling_group.vswitch_ids", true)
            : null;
    if (vsw != null) {
      checkVSwitchesExist(vsw);
    }
    List<String> types =
        scaling.has("instance_types")
            ? strings(scaling.get("instance_types"), "scaling_group.instance_types", true)
            : null;
    Long size = scaling.has("desired_size") ? desiredSize(scaling, 0) : null;
    Map<String, String> labels = kube.has("labels") ? labels(kube.get("labels")) : null;
    List<FakeNodePool.Taint> taints = kube.has("taints") ? taints(kube.get("taints")) : null;
    if (info.hasNonNull("name")) {
      pool.name(info.get("name").asText());
    }
    if (vsw != null) {
      pool.vSwitchIds(vsw);
    }
    if (types != null) {
      pool.instanceTypes(types);
    }
    if (size != null) {
      pool.desiredSize(size);
    }
    if (labels != null) {
      pool.replaceLabels(labels);
    }
    if (taints != null) {
      pool.replaceTaints(taints);
    }
    pool.modified(body.has("update_nodes") ? body.get("update_nodes").asBoolean() : null);
    return json.createObjectNode()
        .put("nodepool_id", pool.id())
        .put("task_id", "T-" + pool.id() + "-" + pool.modifications());
  }

  private Map<String, FakeNodePool> existingCluster(String clusterId) {
    Map<String, FakeNodePool> pools = clusters.get(clusterId);
    if (pools == null) {
      throw new ApiError(
          404, "ErrorClusterNotFound", "The specified cluster " + clusterId + " does not exist.");
    }
    return pools;
  }

  private synchronized FakeNodePool existingPool(String clusterId, String nodePoolId) {
    FakeNodePool pool = existingCluster(clusterId).get(nodePoolId);
    if (pool == null) {
      throw new ApiError(
          404,
          "ErrorNodePoolNotFound",
          "The specified node pool "
              + nodePoolId
              + " does not exist in cluster "
              + clusterId
              + ".");
    }
    return pool;
  }

  private void checkVSwitchesExist(List<String> ids) {
    for (String id : ids) {
      if (!vSwitches.containsKey(id)) {
        throw invalid(
            "InvalidParameter", "vSwitch " + id + " does not exist (scaling_group.vswitch_ids).");
      }
    }
  }

  // ---------------------------------------------------------------- parameter helpers

  private JsonNode body(Request r) {
    try {
      JsonNode node = json.readTree(r.body());
      if (node == null || !node.isObject()) {
        throw invalid("InvalidParameter", "The request body must be a JSON object.");
      }
      return node;
    } catch (IOException e) {
      throw invalid("InvalidParameter", "The request body is not valid JSON: " + e.getMessage());
    }
  }

  private static ApiError invalid(String code, String message) {
    return new ApiError(400, code, message);
  }

  private static boolean matches(String filter, String value) {
    return filter == null || filter.isEmpty() || filter.equals(value);
  }

  private static int intParam(Map<String, String> q, String name, int dflt, int min, int max) {
    String raw = q.get(name);
    if (raw == null || raw.isEmpty()) {
      return dflt;
    }
    try {
      int v = Integer.parseInt(raw);
      if (v < min || v > max) {
        throw invalid(
            "InvalidParameter", name + " must be " + min + " to " + max + ", got " + v + ".");
      }
      return v;
    } catch (NumberFormatException e) {
      throw invalid("InvalidParameter", name + " must be an integer, got " + raw + ".");
    }
  }

  private static List<String> strings(JsonNode node, String field, boolean required) {
    if (node.isMissingNode() || node.isNull()) {
      if (required) {
        throw invalid("InvalidParameter", field + " is required.");
      }
      return List.of();
    }
    if (!node.isArray()) {
      throw invalid("InvalidParameter", field + " must be a list of strings.");
    }
    List<String> out = new ArrayList<>();
    node.forEach(e -> out.add(e.asText()));
    if (required && out.isEmpty()) {
      throw invalid("InvalidParameter", field + " must not be empty.");
    }
    return out;
  }

  private static long desiredSize(JsonNode scaling, long dflt) {
    JsonNode n = scaling.path("desired_size");
    if (n.isMissingNode() || n.isNull()) {
      return dflt;
    }
    if (!n.canConvertToLong() || n.asLong() < 0) {
      throw invalid(
          "InvalidParameter", "scaling_group.desired_size must be a non-negative integer.");
    }
    return n.asLong();
  }

  private static Map<String, String> labels(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node.isMissingNode() || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw invalid("InvalidParameter", "kubernetes_config.labels must be a list of {key, value}.");
    }
    for (JsonNode l : node) {
      String key = l.path("key").asText("");
      if (key.isBlank()) {
        throw invalid("InvalidParameter", "kubernetes_config.labels: every label needs a key.");
      }
      out.put(key, l.path("value").asText(""));
    }
    return out;
  }

  private static List<FakeNodePool.Taint> taints(JsonNode node) {
    List<FakeNodePool.Taint> out = new ArrayList<>();
    if (node.isMissingNode() || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw invalid(
          "InvalidParameter", "kubernetes_config.taints must be a list of {key, value, effect}.");
    }
    for (JsonNode t : node) {
      String key = t.path("key").asText("");
      String effect = t.path("effect").asText("");
      if (key.isBlank()) {
        throw invalid("InvalidParameter", "kubernetes_config.taints: every taint needs a key.");
      }
      if (!TAINT_EFFECTS.contains(effect)) {
        throw invalid(
            "InvalidParameter",
            "kubernetes_config.taints: effect '"
                + effect
                + "' of "
                + key
                + " is not one of NoSchedule, PreferNoSchedule, NoExecute.");
      }
      out.add(new FakeNodePool.Taint(key, t.path("value").asText(""), effect));
    }
    return out;
  }

  private static String decode(String segment) {
    return URLDecoder.decode(segment, StandardCharsets.UTF_8);
  }
}
