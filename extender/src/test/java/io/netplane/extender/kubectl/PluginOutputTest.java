package io.netplane.extender.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netplane.config.cli.OutputFormat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  /** Two nodes rejected for free IPs, one for its zone: as GET /explain answers. */
  private static final String EXHAUSTED =
      "{'pod':'shop/web-0','fitNodes':0,'best':null,'nodes':["
          + "{'node':'n1','verdict':'UNSCHEDULABLE','reasons':["
          + "{'id':'CapacityUnknown','code':'FIT','message':'note first'},"
          + "{'id':'VSwitchesExhausted','code':'UNSCHEDULABLE','message':'no free IPs in zone h: vsw-h=0'}]},"
          + "{'node':'n2','verdict':'UNSCHEDULABLE','reasons':["
          + "{'id':'VSwitchesExhausted','code':'UNSCHEDULABLE','message':'no free IPs in zone h: vsw-h=0 (n2)'}]},"
          + "{'node':'n3','verdict':'UNRESOLVABLE','reasons':["
          + "{'id':'ZoneMismatch','code':'UNRESOLVABLE','message':'zone k is not among [h]'}]}]}";

  @Test
  void theReasonRejectingMostNodesIsNamedWithItsCountAndFirstMessage() throws Exception {
    assertThat(PendingReason.of(json(EXHAUSTED), "0/3 nodes are available"))
        .isEqualTo("VSwitchesExhausted on 2/3 nodes: no free IPs in zone h: vsw-h=0");
  }

  @Test
  void whenNetplaneLetsThePodOnSomeNodesKubeSchedulersMessageIsTheReason() throws Exception {
    JsonNode fits =
        json(
            "{'fitNodes':1,'best':'n2','nodes':[{'node':'n1','reasons':[]},{'node':'n2','reasons':[]}]}");

    assertThat(PendingReason.of(fits, "0/2 nodes are available: 2 Insufficient cpu."))
        .isEqualTo(
            "netplane lets it on 1/2 nodes, best n2; kube-scheduler: 0/2 nodes are available: 2 Insufficient cpu.");
    assertThat(PendingReason.of(fits, null))
        .isEqualTo("netplane lets it on 1/2 nodes, best n2; not scheduled yet");
    assertThat(PendingReason.of(json("{'fitNodes':0,'nodes':[]}"), null))
        .isEqualTo("no nodes in the cluster");
  }

  @Test
  void whyPendingPrintsATableShorteningLongReasonsAndSaysWhenItStoppedAtTheLimit()
      throws Exception {
    String longReason = "VSwitchesExhausted on 2/3 nodes: " + "x".repeat(200);
    List<WhyPendingCommand.Row> rows =
        List.of(
            new WhyPendingCommand.Row(
                "shop", "web-0", Duration.ofSeconds(4000), longReason, json(EXHAUSTED)),
            new WhyPendingCommand.Row(
                "shop", "web-1", null, "not in the extender's snapshot yet", null));

    String table = print(WhyPendingCommand.report(rows, 5, false), OutputFormat.table);
    String wide = print(WhyPendingCommand.report(rows, 5, true), OutputFormat.wide);

    assertThat(table.lines().toList()).first().asString().matches("NAMESPACE +NAME +AGE +REASON");
    assertThat(table)
        .contains("shop       web-0  66m  VSwitchesExhausted on 2/3 nodes: xxx")
        .contains("...")
        .doesNotContain("x".repeat(200))
        .contains("web-1  -    not in the extender's snapshot yet")
        .endsWith("showing the oldest 2 of 5 Pending pods (--limit)\n");
    assertThat(wide).contains("FIT NODES").contains("0/3").contains("x".repeat(200));
  }

  @Test
  void whyPendingJsonHoldsEachPodsReasonAndDecisionAndTheTruncation() throws Exception {
    List<WhyPendingCommand.Row> rows =
        List.of(
            new WhyPendingCommand.Row(
                "shop", "web-0", Duration.ofSeconds(61), "r", json(EXHAUSTED)));

    JsonNode out =
        JSON.readTree(print(WhyPendingCommand.report(rows, 1, false), OutputFormat.json));

    assertThat(out.path("pending").asInt()).isEqualTo(1);
    assertThat(out.path("truncated").asBoolean()).isFalse();
    assertThat(out.path("pods").get(0).path("name").asText()).isEqualTo("web-0");
    assertThat(out.path("pods").get(0).path("ageSeconds").asLong()).isEqualTo(61);
    assertThat(out.path("pods").get(0).path("decision").path("nodes").size()).isEqualTo(3);
    assertThat(print(WhyPendingCommand.report(List.of(), 0, false), OutputFormat.table))
        .isEqualTo("no Pending pods\n");
  }

  @Test
  void agesAreWrittenAsKubectlDoes() {
    assertThat(WhyPendingCommand.age(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(WhyPendingCommand.age(Duration.ofMinutes(12))).isEqualTo("12m");
    assertThat(WhyPendingCommand.age(Duration.ofHours(5))).isEqualTo("5h");
    assertThat(WhyPendingCommand.age(Duration.ofDays(3))).isEqualTo("3d");
  }

  @Test
  void statusReadsTheDataAgesFromThePrometheusText() {
    String metrics =
        "# HELP netplane_data_age_seconds How old\n"
            + "# TYPE netplane_data_age_seconds gauge\n"
            + "netplane_data_age_seconds{source=\"cloud\"} 12.5\n"
            + "netplane_data_age_seconds{source=\"cluster\"} 0.0\n"
            + "netplane_snapshot_age_seconds_total 99\n"
            + "netplane_snapshot_age_seconds 0.25\n";

    assertThat(StatusCommand.gauge(metrics, "netplane_data_age_seconds", "source=\"cloud\""))
        .isEqualTo(12.5);
    assertThat(StatusCommand.gauge(metrics, "netplane_data_age_seconds", "source=\"cluster\""))
        .isEqualTo(0.0);
    assertThat(StatusCommand.gauge(metrics, "netplane_snapshot_age_seconds", "")).isEqualTo(0.25);
    assertThat(StatusCommand.gauge(metrics, "netplane_ip_holds", "")).isNull();
  }

  @Test
  void statusTableShowsPodsLeaseReadinessAndPools() throws Exception {
    JsonNode status =
        json(
            "{'namespace':'netplane','layout':'sidecar',"
                + "'extender':'extender pod netplane/s-b (holds Lease netplane/netplane-scheduler)',"
                + "'readiness':{'ready':true,'reason':'ready','snapshotAgeSeconds':0.25,"
                + "'clusterDataAgeSeconds':0.0,'cloudDataAgeSeconds':null},"
                + "'lease':{'name':'netplane/netplane-scheduler','holder':'s-b_uuid','renewedSecondsAgo':3},"
                + "'pods':[{'name':'s-a','node':'n1','ready':true,'restarts':0,'active':false},"
                + "{'name':'s-b','node':'n2','ready':true,'restarts':4,'active':true}],"
                + "'fixedCidrPools':[{'name':'db','ready':'False','reason':'VSwitchFull','message':'no room'}]}");

    String table = StatusCommand.table(status, false);

    assertThat(table)
        .contains("EXTENDER PODS (namespace netplane, layout sidecar)")
        .containsPattern("s-b +n2 +true +4 +\\*")
        .contains("LEASE netplane/netplane-scheduler: held by s-b_uuid, renewed 3s ago")
        .contains("ready: yes")
        .contains("data age: snapshot 0.3s, cluster watches 0.0s, cloud inventory unknown")
        .containsPattern("db +False +VSwitchFull")
        .doesNotContain("no room");
    assertThat(StatusCommand.table(status, true)).contains("no room");
  }

  private static String print(io.netplane.extender.cli.Report report, OutputFormat format) {
    StringWriter s = new StringWriter();
    report.print(format, new PrintWriter(s));
    return s.toString();
  }
}
