package io.netplane.extender.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code webhook}'s settings: every problem reported at once, nothing started. */
class WebhookCommandTest {
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void theCertificateIsRequired() {
    assertThat(run("webhook")).isEqualTo(2);
    assertThat(err.toString()).contains("--tls-cert").contains("--tls-key");
  }

  @Test
  void everyBadSettingIsReportedAtOnce(@TempDir Path dir) {
    int code =
        run(
            "webhook",
            "--tls-cert",
            dir.resolve("missing.crt").toString(),
            "--tls-key",
            dir.resolve("missing.key").toString(),
            "--scheduler-name",
            "Netplane_Scheduler",
            "--listen",
            "9443",
            "--health-listen",
            "0.0.0.0:99999",
            "--body-timeout",
            "0s",
            "--max-body-bytes",
            "0",
            "--max-connections",
            "0");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("--scheduler-name must be a DNS subdomain")
        .contains("--listen must be HOST:PORT, got '9443'")
        .contains("--health-listen must be HOST:PORT")
        .contains("--body-timeout must be at least 1ms")
        .contains("--max-body-bytes must be positive")
        .contains("--max-connections must be positive")
        .contains("certificate file " + dir.resolve("missing.crt") + " is not readable")
        .contains("private key file " + dir.resolve("missing.key") + " is not readable");
  }

  @Test
  void theDefaultSchedulerIsNoTarget(@TempDir Path dir) {
    assertThat(
            run(
                "webhook",
                "--tls-cert",
                dir.resolve("c").toString(),
                "--tls-key",
                dir.resolve("k").toString(),
                "--scheduler-name",
                "default-scheduler"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--scheduler-name must not be default-scheduler");
  }
}
