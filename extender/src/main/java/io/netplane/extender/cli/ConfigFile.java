package io.netplane.extender.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --config FILE}: a YAML map whose keys are a command's long option names without the dashes
 * ({@code listen: 0.0.0.0:8790}, {@code tls-cert: /tls/tls.crt}, {@code in-cluster: true}). It
 * becomes arguments placed before the command line's own, so flags given there win. Every unknown
 * key and bad value is reported at once.
 */
final class ConfigFile {
  private static final String OPTION = "--config";

  private ConfigFile() {}

  /** The arguments with the config file's entries spliced in after the subcommand name. */
  static String[] expand(String[] args, String subcommand, Supplier<CommandLine> freshCommand) {
    if (args.length == 0 || !args[0].equals(subcommand)) {
      return args;
    }
    Path file = null;
    List<String> rest = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals(OPTION) && i + 1 < args.length) {
        file = Path.of(args[++i]);
      } else if (args[i].startsWith(OPTION + "=")) {
        file = Path.of(args[i].substring(OPTION.length() + 1));
      } else {
        rest.add(args[i]);
      }
    }
    if (file == null) {
      return args;
    }
    List<String> expanded = new ArrayList<>();
    expanded.add(subcommand);
    expanded.addAll(entries(file, freshCommand));
    expanded.addAll(rest);
    return expanded.toArray(String[]::new);
  }

  private static List<String> entries(Path file, Supplier<CommandLine> freshCommand) {
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("config " + file + ": " + e.getMessage(), e);
    }
    if (root == null || root.isNull() || root.isMissingNode()) {
      return List.of();
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException(
          "config " + file + ": must be a map of option names to values");
    }
    CommandLine probe = freshCommand.get();
    List<String> args = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) root::fields) {
      String key = e.getKey();
      OptionSpec option = probe.getCommandSpec().findOption("--" + key);
      if (option == null || key.equals("config") || key.equals("help") || key.equals("version")) {
        errors.add(key + ": unknown setting");
        continue;
      }
      JsonNode value = e.getValue();
      if (!value.isValueNode() || value.isNull()) {
        errors.add(key + ": must be a single value");
        continue;
      }
      List<String> arg =
          option.typeInfo().isBoolean()
              ? (value.asBoolean() ? List.of("--" + key) : List.of())
              : List.of("--" + key + "=" + value.asText());
      String problem = problem(freshCommand.get(), arg);
      if (problem != null) {
        errors.add(key + ": " + problem);
      } else {
        args.addAll(arg);
      }
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(
          "config " + file + " is invalid:\n  - " + String.join("\n  - ", errors));
    }
    return args;
  }

  /** What picocli says about one setting on its own; missing other settings do not count. */
  private static String problem(CommandLine command, List<String> arg) {
    try {
      command.parseArgs(arg.toArray(String[]::new));
      return null;
    } catch (CommandLine.MissingParameterException ok) {
      return null;
    } catch (CommandLine.ParameterException e) {
      return e.getMessage();
    }
  }
}
