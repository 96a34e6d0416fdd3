package io.netplane.config.e2e;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the real control plane of {@code deploy/local} (etcd, kube-apiserver, kube-scheduler) up
 * once per test run and down when the run ends, failed or not. Test classes get it as a {@link
 * Cluster} parameter of their {@code @BeforeAll} method.
 *
 * <p>kube-scheduler is configured with {@code urlPrefix http://127.0.0.1:<extenderPort>}; the
 * extender's tests run the extender in their own JVM on that port, so they can change the fake
 * cloud's free IPs directly and stop the extender at will. The nodepool-agent's tests schedule
 * nothing and leave the port alone.
 *
 * <p>State (logs, certificates, kubeconfig) lives in the tested module's {@code target/e2e/cluster}
 * and is kept after the run for post-mortems; the next {@code up.sh} wipes it.
 */
public final class LocalControlPlane implements ParameterResolver {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(LocalControlPlane.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Cluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    // the root store lives for the whole run and closes its AutoCloseable values at its end
    return context
        .getRoot()
        .getStore(NS)
        .computeIfAbsent(Cluster.class, k -> Cluster.up(), Cluster.class);
  }

  /** A running local control plane. */
  public static final class Cluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(30);

    private final Path repo;
    private final Path work;
    private final Path state;
    private final int extenderPort;
    private final Map<String, String> schedulerEnv = new HashMap<>();
    private final Map<String, String> initialEnv;
    private final Thread shutdownHook;
    private KubernetesClient client;
    private boolean closed;

    private Cluster(Path repo, Path work, int extenderPort) {
      this.repo = repo;
      this.work = work;
      this.state = work.resolve("cluster");
      this.extenderPort = extenderPort;
      schedulerEnv.put("NETPLANE_EXTENDER", "netplane");
      schedulerEnv.put("NETPLANE_EXTENDER_URL", extenderUrl());
      schedulerEnv.put("NETPLANE_EXTENDER_IGNORABLE", "false");
      schedulerEnv.put("NETPLANE_EXTENDER_TIMEOUT", "2s");
      this.initialEnv = Map.copyOf(schedulerEnv);
      // a killed test JVM (Ctrl-C, failsafe timeout) must not leave etcd and friends behind
      this.shutdownHook = new Thread(this::down, "netplane-e2e-down");
    }

    static Cluster up() {
      Path repo = repoRoot();
      // the module under test's target/e2e: failsafe runs in the module's directory
      Path work = Path.of(System.getProperty("netplane.e2e.dir", "target/e2e")).toAbsolutePath();
      try {
        Files.createDirectories(work);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Cluster c = new Cluster(repo, work, freePort());
      Runtime.getRuntime().addShutdownHook(c.shutdownHook);
      long t0 = System.nanoTime();
      c.run("build.log", Map.of(), "deploy/local/build.sh");
      c.run("up.log", c.schedulerEnv, "deploy/local/up.sh");
      LOG.info(
          "control plane up in {} ms: kubeconfig {}, extender expected on {}",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0),
          c.kubeconfig(),
          c.extenderUrl());
      return c;
    }

    /** Admin kubeconfig (client certificate of group system:masters). */
    public Path kubeconfig() {
      return state.resolve("kubeconfig");
    }

    /** A new client from the admin kubeconfig; the caller closes it. */
    public KubernetesClient newClient() {
      try {
        String kubeconfig = Files.readString(kubeconfig());
        // bursts of creates in the benchmark; the apiserver is local
        Config config =
            new ConfigBuilder(Config.fromKubeconfig(kubeconfig))
                .withMaxConcurrentRequests(256)
                .withMaxConcurrentRequestsPerHost(256)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The shared client of the test run. */
    public synchronized KubernetesClient client() {
      if (client == null) {
        client = newClient();
      }
      return client;
    }

    /** Port kube-scheduler calls the extender on. */
    public int extenderPort() {
      return extenderPort;
    }

    public String extenderUrl() {
      return "http://127.0.0.1:" + extenderPort;
    }

    /** Where the control plane's logs are ({@code kube-scheduler.log} and the others). */
    public Path logs() {
      return state.resolve("logs");
    }

    /**
     * CPU seconds (user + system) a control-plane process has used so far, from /proc; NaN when
     * unknown. {@code name}: etcd, kube-apiserver or kube-scheduler.
     */
    public double cpuSeconds(String name) {
      try {
        String pid = Files.readString(state.resolve("run/" + name + ".pid")).trim();
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields 14 and 15 of stat (utime, stime), in clock ticks of 1/100 s on Linux
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
      } catch (IOException | RuntimeException e) {
        return Double.NaN;
      }
    }

    /** Directory for test output (benchmark results). */
    public Path workDir() {
      return work;
    }

    /**
     * Restarts only kube-scheduler with these {@code NETPLANE_EXTENDER*} settings on top of the
     * current ones; etcd, the apiserver and all objects stay. Returns once it is ready.
     */
    public synchronized void restartScheduler(Map<String, String> env) {
      schedulerEnv.putAll(env);
      run("up.log", schedulerEnv, "deploy/local/up.sh", "--restart-scheduler");
    }

    /** Stops kube-scheduler; pods created now stay unscheduled until {@link #restartScheduler}. */
    public synchronized void stopScheduler() {
      run("up.log", schedulerEnv, "deploy/local/up.sh", "--stop-scheduler");
    }

    /** Back to the scheduler settings of the run's start: netplane, not ignorable. */
    public synchronized void restoreScheduler() {
      schedulerEnv.clear();
      restartScheduler(initialEnv);
    }

    /** Whether kube-scheduler runs with the settings of the run's start. */
    public synchronized boolean schedulerRestored() {
      return schedulerEnv.equals(initialEnv);
    }

    public synchronized Map<String, String> schedulerEnv() {
      return Map.copyOf(schedulerEnv);
    }

    @Override
    public void close() {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // already shutting down: the hook runs down() itself
      }
      down();
    }

    private synchronized void down() {
      if (closed) {
        return;
      }
      closed = true;
      if (client != null) {
        client.close();
      }
      try {
        // keep logs for post-mortems; the next up.sh wipes the directory
        run("down.log", Map.of("NETPLANE_KEEP_STATE", "1"), "deploy/local/down.sh");
        deleteRecursively(state.resolve("etcd-data"));
        LOG.info("control plane down; logs in {}", logs());
      } catch (RuntimeException e) {
        LOG.error("down.sh failed; check for processes mentioning {}", state, e);
      }
    }

    /**
     * Runs a deploy/local script, its output appended to {@code work/<log>}; fails with its tail.
     */
    private void run(String logName, Map<String, String> env, String... command) {
      Path log = work.resolve(logName);
      List<String> cmd = new ArrayList<>(List.of(command));
      cmd.set(0, repo.resolve(command[0]).toString());
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .directory(repo.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().put("NETPLANE_LOCAL_DIR", state.toString());
      pb.environment().putAll(env);
      try {
        Files.writeString(
            log,
            "\n$ " + String.join(" ", command) + " " + env + "\n",
            StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND);
        Process p = pb.start();
        if (!p.waitFor(SCRIPT_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
          p.destroyForcibly();
          throw new IllegalStateException(
              command[0] + " did not finish in " + SCRIPT_TIMEOUT + "; see " + log);
        }
        if (p.exitValue() != 0) {
          throw new IllegalStateException(
              command[0]
                  + " failed with exit code "
                  + p.exitValue()
                  + "; last lines of "
                  + log
                  + ":\n"
                  + tail(log, 30));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot run " + command[0], e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted running " + command[0], e);
      }
    }

    private static String tail(Path log, int lines) throws IOException {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static void deleteRecursively(Path dir) {
      if (!Files.exists(dir)) {
        return;
      }
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        LOG.warn("could not delete {}: {}", dir, e.toString());
      }
    }

    /**
     * The repository root: the first parent of the working directory holding deploy/local/up.sh.
     */
    private static Path repoRoot() {
      for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
        if (Files.isExecutable(p.resolve("deploy/local/up.sh"))) {
          return p;
        }
      }
      throw new IllegalStateException(
          "deploy/local/up.sh not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * A free port below Linux's ephemeral range (as up.sh picks its own), so no outgoing connection
     * takes it while the extender is deliberately down.
     */
    private static int freePort() {
      for (int i = 0; i < 200; i++) {
        int port = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
          return port;
        } catch (IOException busy) {
          // try another
        }
      }
      throw new IllegalStateException("no free port in 20000-32000");
    }
  }
}
