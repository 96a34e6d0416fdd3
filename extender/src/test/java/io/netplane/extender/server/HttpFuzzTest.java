package io.netplane.extender.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netplane.extender.TestData;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken requests against a running extender: whatever arrives, the answer is never a
 * 5xx (nor a filter answer carrying an internal error), nothing is logged at ERROR, and {@code
 * /healthz} still answers. Each run draws new cases from a fresh seed; a failure names the seed and
 * the case, and {@code -Dfuzz.seed=N} replays it.
 */
class HttpFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Writes every non-ASCII character as an escape, so lone surrogates reach the server as JSON
   * allows.
   */
  private static final ObjectMapper ESCAPING =
      JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> VERBS = List.of("/filter", "/prioritize", "/preempt");
  private static final List<String> METHODS =
      List.of("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "TRACE", "FOO");
  private static final List<String> QUERY_PIECES =
      List.of(
          "%",
          "%2",
          "%zz",
          "%e2%28",
          "%00",
          "%0a",
          "%ff",
          "%2F",
          "=",
          "&",
          "?",
          "/",
          "..",
          "//",
          "pod=",
          "namespace=",
          "web-0",
          "default",
          "+",
          "#",
          ";");
  private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());

  private static Vertx vertx;
  private static ExtenderServer server;
  private static int port;
  private static LogCapture log;
  private static List<JsonNode> seeds;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server =
        new ExtenderServer(
            vertx,
            DeciderSource.fixed(TestData.cluster()),
            new ServerOptions("127.0.0.1", 0, 1 << 20, 1));
    port = server.start().await(10, TimeUnit.SECONDS);
    seeds = seeds();
    log = new LogCapture();
  }

  @AfterAll
  static void stop() throws Exception {
    log.close();
    server.stop().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void mutatedRequestBodies() {
    fuzz(80, random -> new Request("POST", pick(random, VERBS), mutatedBody(random)));
  }

  @Test
  void arbitraryBytesAsBodies() {
    fuzz(
        30,
        random -> {
          byte[] body = new byte[random.nextInt(2000)];
          random.nextBytes(body);
          return new Request("POST", pick(random, VERBS), body);
        });
  }

  @Test
  void deeplyNestedBodies() {
    fuzz(
        6,
        random -> {
          int depth = 500 + random.nextInt(20_000);
          String open = random.nextBoolean() ? "[" : "{\"Pod\":";
          String body = open.repeat(depth) + (random.nextBoolean() ? "]".repeat(depth) : "");
          return new Request("POST", pick(random, VERBS), body.getBytes(StandardCharsets.US_ASCII));
        });
  }

  /** Node names are echoed in every answer; the wire codec must answer them without a 5xx too. */
  @Test
  void loneSurrogatesInNodeNames() {
    fuzz(
        30,
        random -> {
          ObjectNode body = seeds.get(3).deepCopy();
          String verb = pick(random, VERBS);
          String name = textWithLoneSurrogates(random, 20);
          if (verb.equals("/preempt")) {
            ((ObjectNode) body.get("NodeNameToMetaVictims"))
                .set(name, body.get("NodeNameToMetaVictims").get("node-h1"));
          } else {
            body.remove("NodeNameToMetaVictims");
            body.putArray("NodeNames").add("node-h1").add(name);
          }
          try {
            return new Request("POST", verb, ESCAPING.writeValueAsBytes(body));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  @Test
  void arbitraryExplainQueries() {
    fuzz(40, random -> new Request("GET", "/explain?" + target(random), new byte[0]));
  }

  @Test
  void arbitraryMethodsAndTargets() {
    fuzz(40, random -> new Request(pick(random, METHODS), "/" + target(random), new byte[0]));
  }

  /** One HTTP request, shown in a failure as its method, target and the start of its body. */
  private record Request(String method, String target, byte[] body) {
    @Override
    public String toString() {
      return SafeText.of(
          method + " " + target + " " + new String(body, StandardCharsets.UTF_8), 300);
    }
  }

  private static void fuzz(int cases, Function<SplittableRandom, Request> generator) {
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < cases; i++) {
      Request request = generator.apply(random);
      String replay = "case " + i + " of -Dfuzz.seed=" + SEED + ": " + request;
      int logged = log.events().size();
      String answer = send(request);
      assertThat(answer)
          .as(replay)
          .matches("(?s)HTTP/1\\.[01] [1-4]\\d\\d .*")
          .doesNotContain("internal error");
      if (answer.matches("(?s)HTTP/1\\.[01] 4\\d\\d .*") && !request.method().equals("HEAD")) {
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertThat(body).as(replay).startsWith("{\"error\":\"").doesNotContain("\n");
      }
      assertThat(log.events().subList(logged, log.events().size()))
          .as(replay)
          .filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
          .extracting(ILoggingEvent::getFormattedMessage)
          .isEmpty();
      assertThat(send(new Request("GET", "/healthz", new byte[0])))
          .as(replay)
          .startsWith("HTTP/1.1 200");
    }
  }

  /** One request on its own connection; the whole answer, or "" when the server just closed it. */
  private static String send(Request request) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      String head =
          request.method()
              + " "
              + request.target()
              + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n";
      String length =
          request.body().length > 0 ? "Content-Length: " + request.body().length + "\r\n" : "";
      out.write((head + length + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.write(request.body());
      out.flush();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      s.getInputStream().transferTo(answer);
      return answer.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T> T pick(SplittableRandom random, List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  /**
   * Query strings and paths: percent signs, escapes valid and not, separators, any character but
   * line breaks.
   */
  private static String target(SplittableRandom random) {
    StringBuilder target = new StringBuilder();
    for (int pieces = random.nextInt(12); pieces > 0; pieces--) {
      target.append(
          random.nextBoolean()
              ? pick(random, QUERY_PIECES)
              : text(random, 8).replaceAll("[\r\n ]", "_"));
    }
    return target.toString();
  }

  /**
   * Text of any valid UTF-16 content: ASCII, controls, quotes and backslashes, other planes' pairs.
   */
  private static String text(SplittableRandom random, int maxLength) {
    StringBuilder text = new StringBuilder();
    for (int n = random.nextInt(maxLength + 1); n > 0; n--) {
      switch (random.nextInt(5)) {
        case 0 -> text.append((char) random.nextInt(0x20));
        case 1 -> text.append("\"\\/'%<>{}[]:,".charAt(random.nextInt(13)));
        case 2 -> {
          char c = (char) random.nextInt(0x10000);
          text.append(Character.isSurrogate(c) ? '?' : c);
        }
        case 3 -> text.appendCodePoint(0x10000 + random.nextInt(0x100000));
        default -> text.append((char) ('a' + random.nextInt(26)));
      }
    }
    return text.toString();
  }

  /**
   * {@link #text} with unpaired surrogates mixed in: JSON escapes allow them, UTF-8 cannot carry
   * them.
   */
  private static String textWithLoneSurrogates(SplittableRandom random, int maxLength) {
    StringBuilder text = new StringBuilder(text(random, maxLength));
    for (int n = 1 + random.nextInt(3); n > 0; n--) {
      text.insert(random.nextInt(text.length() + 1), (char) (0xd800 + random.nextInt(0x800)));
    }
    return text.toString();
  }

  /**
   * A valid request of some verb with one value, anywhere in it, replaced by another of any type.
   */
  private static byte[] mutatedBody(SplittableRandom random) {
    JsonNode copy = pick(random, seeds).deepCopy();
    List<JsonNode> containers = new ArrayList<>();
    collectContainers(copy, containers);
    JsonNode target = pick(random, containers);
    JsonNode replacement = value(random);
    if (target instanceof ObjectNode object && object.size() > 0) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      object.set(random.nextInt(4) == 0 ? text(random, 12) : pick(random, names), replacement);
    } else if (target instanceof ArrayNode array && array.size() > 0) {
      array.set(random.nextInt(array.size()), replacement);
    } else if (target instanceof ArrayNode array) {
      array.add(replacement);
    }
    try {
      return random.nextBoolean() ? ESCAPING.writeValueAsBytes(copy) : JSON.writeValueAsBytes(copy);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void collectContainers(JsonNode node, List<JsonNode> into) {
    if (node.isContainerNode()) {
      into.add(node);
      node.forEach(child -> collectContainers(child, into));
    }
  }

  /** JSON values of every type: text of any characters, huge and odd numbers, nested containers. */
  private static JsonNode value(SplittableRandom random) {
    return switch (random.nextInt(10)) {
      case 0, 1, 2 -> NODES.textNode(text(random, 40));
      case 3 -> NODES.numberNode(random.nextLong());
      case 4 -> NODES.numberNode(random.nextBoolean() ? random.nextDouble() * 1e300 : -0.0);
      case 5 -> NODES.numberNode(BigInteger.TEN.pow(random.nextInt(400)).negate());
      case 6 -> random.nextBoolean() ? NODES.nullNode() : NODES.booleanNode(random.nextBoolean());
      case 7 -> {
        ArrayNode array = NODES.arrayNode();
        for (int n = random.nextInt(6); n > 0; n--) {
          array.add(
              random.nextBoolean()
                  ? NODES.textNode(text(random, 20))
                  : NODES.numberNode(random.nextInt()));
        }
        yield array;
      }
      case 8 -> NODES.objectNode().set(text(random, 12), NODES.textNode(text(random, 12)));
      default -> {
        // the writer's own nesting limit is 1000 levels; deeper documents are deeplyNestedBodies'
        JsonNode nested = NODES.arrayNode();
        for (int depth = random.nextInt(900); depth > 0; depth--) {
          nested = NODES.arrayNode().add(nested);
        }
        yield nested;
      }
    };
  }

  private static List<JsonNode> seeds() throws IOException {
    List<JsonNode> seeds = new ArrayList<>();
    for (String name : List.of("kube-scheduler", "lowercase", "nodes-mode")) {
      seeds.add(JSON.readTree(TestData.bytes("wire/filter-request-" + name + ".json")));
    }
    String pod =
        "{\"metadata\":{\"name\":\"web-9\",\"namespace\":\"default\",\"uid\":\"u-9\"},\"spec\":{\"containers\":[{\"name\":\"c\"}]}}";
    seeds.add(
        JSON.readTree(
            "{\"Pod\":"
                + pod
                + ",\"NodeNameToVictims\":null,\"NodeNameToMetaVictims\":{\"node-h1\":{\"Pods\":[{\"UID\":\"v-1\"}],\"NumPDBViolations\":0}}}"));
    seeds.add(
        JSON.readTree(
            "{\"Pod\":"
                + pod
                + ",\"NodeNameToVictims\":{\"node-i1\":{\"Pods\":[{\"metadata\":{\"name\":\"old\",\"uid\":\"v-2\"}}],\"NumPDBViolations\":1}},\"NodeNameToMetaVictims\":null}"));
    return seeds;
  }
}
