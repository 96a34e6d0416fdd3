package io.netplane.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.netplane.agent.run.Controller;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The run command's flags (the controller itself: ControllerIT). */
class RunCommandTest {
  static RunCommand parse(String... args) {
    CommandLine cl = Main.commandLine(Connections.REAL);
    CommandLine.ParseResult parsed = cl.parseArgs(args);
    return (RunCommand) parsed.subcommand().commandSpec().userObject();
  }

  @Test
  void defaults() {
    Controller.Settings s = parse("run", "--region", "cn-hangzhou").settings();
    assertThat(s.leaseName()).isEqualTo("netplane-nodepool-agent");
    assertThat(s.leaseNamespace())
        .isEqualTo(System.getenv().getOrDefault("POD_NAMESPACE", "kube-system"));
    assertThat(s.identity()).isNotBlank();
    assertThat(s.leaseDuration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(s.renewDeadline()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.retryPeriod()).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.resync()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.health().getPort()).isEqualTo(8081);
    assertThat(s.health().getAddress().isAnyLocalAddress()).isTrue();
  }

  @Test
  void flagsAsTheHelmChartPassesThem() {
    Controller.Settings s =
        parse(
                "run",
                "--in-cluster",
                "--region",
                "cn-hangzhou",
                "--cluster-id",
                "c-1",
                "--lease-name",
                "np-agent",
                "--lease-namespace",
                "netplane",
                "--health-listen",
                "127.0.0.1:9090",
                "--resync",
                "PT30S")
            .settings();
    assertThat(s.leaseName()).isEqualTo("np-agent");
    assertThat(s.leaseNamespace()).isEqualTo("netplane");
    assertThat(s.resync()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.health().getPort()).isEqualTo(9090);
    assertThat(parse("run", "--resync", "90s").settings().resync())
        .isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void contradictoryFlagsAreUsageErrors() {
    assertThat(
            catchThrowableOfType(
                ParameterException.class,
                () -> parse("run", "--in-cluster", "--kubeconfig", "/k").settings()))
        .hasMessageContaining("--in-cluster excludes --kubeconfig and --context");
    assertThat(
            catchThrowableOfType(
                ParameterException.class,
                () -> parse("run", "--in-cluster", "--context", "prod").settings()))
        .hasMessageContaining("--in-cluster excludes --kubeconfig and --context");
    assertThat(
            catchThrowableOfType(
                ParameterException.class,
                () -> parse("run", "--lease-duration", "5s", "--renew-deadline", "10s").settings()))
        .hasMessageContaining("--renew-deadline < --lease-duration");
    assertThat(
            catchThrowableOfType(
                ParameterException.class, () -> parse("run", "--health-listen", "8081").settings()))
        .hasMessageContaining("expected HOST:PORT");
  }

  @Test
  void aBadDurationIsBadUsageExitCodeTwo() {
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine(Connections.REAL);
    cl.setErr(new PrintWriter(err));
    assertThat(cl.execute("run", "--resync", "soon")).isEqualTo(2);
    assertThat(err.toString()).contains("'soon' is not a duration");
  }
}
