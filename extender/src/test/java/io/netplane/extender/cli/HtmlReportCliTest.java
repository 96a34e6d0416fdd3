package io.netplane.extender.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netplane.config.cli.CliConventions;
import io.netplane.extender.TestData;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

/**
 * {@code simulate --report} and {@code lint --report}: the page is well-formed XML (so browsers and
 * strict parsers read it alike) and says what the demo's README says of its vSwitches and pods.
 */
class HtmlReportCliTest {
  private static final String NOW = "--now=2026-11-23T10:00:00Z";
  private static final String BATCH_J = "vsw-bp1batchj7jlrwcpn3en0";
  private static final String POD_J = "vsw-bp1podjxcbuas4erjpqqh";
  private static final String DB_H = "vsw-bp1dbhracvunxywuczxvz";
  private static final String POD_H_B = "vsw-bp1podhbvcmtzguit8tae";
  private static final String PAY_J = "vsw-bp1payjdgjewhyk5ml9dq";

  @TempDir Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  /** Parses the page with a strict, namespace-aware XML parser that fetches nothing. */
  private static Document parse(Path file) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(file)));
  }

  private static XPath xpath() {
    XPath x = XPathFactory.newInstance().newXPath();
    Map<String, String> ns =
        Map.of("h", "http://www.w3.org/1999/xhtml", "svg", "http://www.w3.org/2000/svg");
    x.setNamespaceContext(
        new NamespaceContext() {
          @Override
          public String getNamespaceURI(String prefix) {
            return ns.getOrDefault(prefix, XMLConstants.NULL_NS_URI);
          }

          @Override
          public String getPrefix(String uri) {
            return null;
          }

          @Override
          public Iterator<String> getPrefixes(String uri) {
            return List.<String>of().iterator();
          }
        });
    return x;
  }

  private static String text(Document doc, String expr) throws Exception {
    return xpath().evaluate(expr, doc).trim();
  }

  private static List<String> all(Document doc, String expr) throws Exception {
    NodeList nodes = (NodeList) xpath().evaluate(expr, doc, XPathConstants.NODESET);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node n = nodes.item(i);
      out.add(n.getTextContent().trim());
    }
    return out;
  }

  @Test
  void simulateReportShowsTheDemosVSwitchesNetworksAndPendingPods() throws Exception {
    Path file = tmp.resolve("netplane.html");
    assertThat(run("simulate", TestData.demo().toString(), NOW, "--report", file.toString()))
        .isZero();
    assertThat(out.toString()).contains("SUMMARY: 20 pending pod(s), 3 with no fit node");
    assertThat(err.toString()).contains("report written to " + file);
    assertThat(Files.getPosixFilePermissions(file))
        .as("the umask's permissions, as any file the user creates, not owner-only")
        .isEqualTo(Files.getPosixFilePermissions(Files.createFile(tmp.resolve("plain"))));
    Document doc = parse(file);

    // the picture: one card per vSwitch, coloured by headroom after in-flight reservations
    String card = "//svg:svg[@id='vswitch-grid']//svg:g[@data-vswitch='%s']/@data-state";
    assertThat(text(doc, card.formatted(BATCH_J))).isEqualTo("exhausted");
    assertThat(text(doc, card.formatted(DB_H))).isEqualTo("exhausted");
    assertThat(text(doc, card.formatted(POD_J))).as("1 free, 1 in flight").isEqualTo("exhausted");
    assertThat(text(doc, card.formatted(POD_H_B))).as("5 of 256 free").isEqualTo("low");
    assertThat(text(doc, card.formatted(PAY_J)))
        .as("not in DescribeVSwitches")
        .isEqualTo("unknown");
    assertThat(text(doc, card.formatted("vsw-bp1podhaybz242v0cmiwk"))).isEqualTo("ok");
    assertThat(text(doc, "count(//svg:g[@data-vswitch='" + BATCH_J + "'])")).isEqualTo("1");
    assertThat(text(doc, "count(//svg:g[@data-vswitch='vsw-bp1natkd7f233bfh8bn14'])"))
        .as("used by no network")
        .isEqualTo("0");

    String row = "//h:table[@id='vswitches']/h:tr[@data-vswitch='%s']/h:td[%d]";
    assertThat(text(doc, row.formatted(POD_J, 2))).isEqualTo("cn-hangzhou-j");
    assertThat(text(doc, row.formatted(POD_J, 4))).as("cloud count").isEqualTo("1");
    assertThat(text(doc, row.formatted(POD_J, 5))).as("in flight").isEqualTo("1");
    assertThat(text(doc, row.formatted(POD_J, 6))).as("free").isEqualTo("0");
    assertThat(text(doc, row.formatted(POD_J, 7))).as("addresses of a /24").isEqualTo("256");
    assertThat(text(doc, row.formatted(PAY_J, 6))).isEqualTo("unknown");
    assertThat(text(doc, row.formatted(PAY_J, 2)))
        .as("zone from the status")
        .isEqualTo("cn-hangzhou-j");
    assertThat(text(doc, row.formatted("vsw-bp1rptitbjihupeiu84ur", 2))).isEqualTo("zone unknown");

    // zones each network covers
    String covered =
        "//h:table[@id='networks']/h:tr[@data-network='%s']/h:td[@class='covered']/@data-zone";
    assertThat(all(doc, covered.formatted("pn-batch"))).containsExactly("cn-hangzhou-j");
    assertThat(all(doc, covered.formatted("pn-web")))
        .containsExactly("cn-hangzhou-h", "cn-hangzhou-i");
    assertThat(all(doc, covered.formatted("eni-config")))
        .containsExactly("cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j");
    assertThat(all(doc, covered.formatted("pn-reporting"))).containsExactly("zone unknown");

    // pending pods: fit nodes per zone, and the reasons of the three that fit nowhere
    assertThat(all(doc, "//h:table[@id='pending']/h:tr[@data-pod]/@data-pod")).hasSize(20);
    assertThat(all(doc, "//h:tr[@class='nofit']/@data-pod"))
        .containsExactlyInAnyOrder(
            "default/feature-join",
            "default/monthly-report",
            "default/batch-worker-58c7d9f6b-j7x2q");
    String reasons = "//h:tr[@data-pod='%s']//h:li/@data-reason";
    assertThat(all(doc, reasons.formatted("default/feature-join")))
        .containsExactly("NetworkInvalid");
    assertThat(text(doc, "//h:tr[@data-pod='default/monthly-report']//h:li"))
        .contains("NetworkInvalid")
        .contains("on 12 node(s)")
        .contains("pn-reporting");
    assertThat(all(doc, reasons.formatted("default/batch-worker-58c7d9f6b-j7x2q")))
        .contains("ZoneMismatch", "VSwitchesExhausted");
    assertThat(
            text(
                doc,
                "//h:tr[@data-pod='default/batch-worker-58c7d9f6b-j7x2q']//h:li[@data-reason='VSwitchesExhausted']"))
        .contains(BATCH_J);
    String fit = "//h:tr[@data-pod='%s']/h:td[@data-zone='%s']";
    assertThat(text(doc, fit.formatted("default/web-6c9f8d7b5d-xw2rd", "cn-hangzhou-h")))
        .isEqualTo("4");
    assertThat(text(doc, fit.formatted("default/web-6c9f8d7b5d-xw2rd", "cn-hangzhou-i")))
        .isEqualTo("2");
    assertThat(text(doc, fit.formatted("default/web-6c9f8d7b5d-xw2rd", "cn-hangzhou-j")))
        .isEqualTo("0");
    assertThat(text(doc, "//h:span[@id='stuck-count']")).isEqualTo("3");

    assertThat(text(doc, "count(//h:table[@id='findings'])")).as("lint only").isEqualTo("0");
    assertSelfContained(doc, file);
  }

  @Test
  void lintReportAddsTheFindings() throws Exception {
    Path file = tmp.resolve("lint.html");
    assertThat(run("lint", TestData.demo().toString(), NOW, "--report", file.toString()))
        .as("the demo has ERROR findings")
        .isEqualTo(1);
    Document doc = parse(file);
    assertThat(all(doc, "//h:table[@id='findings']/h:tr/@data-check"))
        .containsExactly(
            "ConflictingPodNetworkings",
            "NodeConfigMissing",
            "AutoEipOnDeployment",
            "FixedOnNonFixedName",
            "PodNetworkingNotReady",
            "StaticEipOnNonStatefulSet",
            "VSwitchHeadroom",
            "VSwitchNotInInventory",
            "VSwitchNotInInventory");
    assertThat(text(doc, "//h:table[@id='findings']/h:tr[@data-check='NodeConfigMissing']/h:td[1]"))
        .isEqualTo("ERROR");
    assertThat(all(doc, "//h:tr[@class='nofit']/@data-pod")).hasSize(3);
    assertSelfContained(doc, file);
  }

  /** No script, no external fetch: nothing loads a resource. */
  private static void assertSelfContained(Document doc, Path file) throws Exception {
    assertThat(text(doc, "count(//*[local-name()='script'])")).isEqualTo("0");
    assertThat(text(doc, "count(//@src | //@href | //@*[local-name()='href'])")).isEqualTo("0");
    assertThat(text(doc, "count(//@*[starts-with(local-name(), 'on')])")).isEqualTo("0");
    String page = Files.readString(file);
    assertThat(page)
        .doesNotContain("url(")
        .doesNotContain("@import")
        .doesNotContain("http:/" + "/e");
  }

  @Test
  void hostileNamesAreEscapedAndCut() throws Exception {
    Path dir = tmp.resolve("cluster");
    Files.createDirectories(dir);
    try (Stream<Path> files = Files.list(TestData.resource("cluster"))) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    String script = "<script>alert(\"x\")</script>";
    String huge = "vsw-" + "A".repeat(100_000);
    String network = script + "'&\u0001\uD800";
    Map<String, Object> pn =
        Map.of(
            "apiVersion", "network.alibabacloud.com/v1beta1",
            "kind", "PodNetworking",
            "metadata", Map.of("name", network, "creationTimestamp", "2026-01-01T00:00:00Z"),
            "spec",
                Map.of(
                    "selector", Map.of("podSelector", Map.of("matchLabels", Map.of("app", "evil"))),
                    "vSwitchOptions", List.of("vsw-\"><svg onload=alert(1)>", huge),
                    "securityGroupIDs", List.of("sg-base")),
            "status", Map.of("status", "Ready"));
    Map<String, Object> pod =
        Map.of(
            "apiVersion", "v1",
            "kind", "Pod",
            "metadata",
                Map.of("name", script, "namespace", "default", "labels", Map.of("app", "evil")),
            "spec", Map.of("containers", List.of(Map.of("name", "c", "image", "x"))),
            "status", Map.of("phase", "Pending"));
    Files.writeString(
        dir.resolve("hostile.json"),
        // escaped, so the file is valid UTF-8 and the parser hands the lone surrogate on
        JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build()
            .writeValueAsString(
                Map.of("apiVersion", "v1", "kind", "List", "items", List.of(pn, pod))));
    Path file = tmp.resolve("hostile.html");

    assertThat(run("simulate", dir.toString(), NOW, "--report", file.toString())).isZero();

    Document doc = parse(file);
    assertSelfContained(doc, file);
    assertThat(text(doc, "count(//*[local-name()='svg'])")).as("only the picture").isEqualTo("1");
    assertThat(all(doc, "//h:tr/@data-pod")).contains("default/" + script);
    assertThat(text(doc, "//h:table[@id='networks']//h:code")).isNotEmpty();
    assertThat(all(doc, "//h:table[@id='networks']/h:tr/@data-network"))
        .contains(script + "'&\uFFFD\uFFFD");
    assertThat(all(doc, "//h:table[@id='vswitches']/h:tr/@data-vswitch"))
        .contains("vsw-\"><svg onload=alert(1)>");
    assertThat(Files.size(file)).as("the 100 000-char id is cut").isLessThan(40_000);
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("more chars)");
  }

  @Test
  void anUnwritableReportIsAClearErrorAndWritesNothing() throws Exception {
    Path file = tmp.resolve("missing-dir").resolve("r.html");
    assertThat(run("simulate", TestData.demo().toString(), NOW, "--report", file.toString()))
        .isEqualTo(CliConventions.ERROR);
    assertThat(err.toString()).contains("error: cannot write the report to " + file);
    assertThat(err.toString()).doesNotContain("\tat ");
    assertThat(out.toString()).as("nothing printed on failure").isEmpty();
    assertThat(tmp.resolve("missing-dir")).doesNotExist();

    Files.createDirectory(tmp.resolve("blocker.html"));
    Files.writeString(tmp.resolve("blocker.html").resolve("x"), "x");
    assertThat(
            run(
                "simulate",
                TestData.demo().toString(),
                NOW,
                "--report",
                tmp.resolve("blocker.html").toString()))
        .isEqualTo(CliConventions.ERROR);
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .as("no temporary file left behind")
          .containsExactly("blocker.html");
    }
  }
}
