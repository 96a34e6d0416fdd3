package io.netplane.config.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class LogOptionsTest {
  @Command(name = "top", subcommands = Sub.class)
  static final class Top {
    @Mixin LogOptions log;
  }

  @Command(name = "sub")
  static final class Sub implements Runnable {
    @Override
    public void run() {}
  }

  private final Logger root =
      ((LoggerContext) LoggerFactory.getILoggerFactory())
          .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Level levelBefore = root.getLevel();

  @AfterEach
  void restore() {
    root.setLevel(levelBefore);
    root.detachAndStopAllAppenders();
    ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> quiet = new ListAppender<>();
    quiet.start();
    root.addAppender(quiet);
  }

  @Test
  void aSubcommandTakesTheLevelAndFormatAndTheRootLoggerFollows() {
    int code =
        CliConventions.apply(new CommandLine(new Top()))
            .execute("sub", "--log-level", "DEBUG", "--log-format", "json");

    assertThat(code).isZero();
    assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
    ConsoleAppender<?> json = (ConsoleAppender<?>) root.getAppender("json");
    assertThat(json).isNotNull();
    assertThat(json.getEncoder()).isInstanceOf(JsonEncoder.class);
    assertThat(root.iteratorForAppenders()).toIterable().hasSize(1);
  }

  @Test
  void theDefaultsAreInfoAndTheTextAppenderStays() {
    ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> text = new ListAppender<>();
    text.setName("text");
    root.addAppender(text);
    root.setLevel(Level.WARN);

    CliConventions.apply(new CommandLine(new Top())).execute("sub");

    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    assertThat(root.getAppender("text")).isSameAs(text);
  }
}
