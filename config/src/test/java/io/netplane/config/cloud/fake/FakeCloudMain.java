package io.netplane.config.cloud.fake;

import io.netplane.config.cloud.RecordedCloud;
import io.netplane.config.load.SnapshotLoadException;
import io.netplane.config.model.InstanceType;
import io.netplane.config.model.NodePool;
import io.netplane.config.model.NodeTaint;
import io.netplane.config.model.VSwitch;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@link FakeAlibabaCloud} as a process (deploy/local/fake-cloud.sh): seeded from recorded OpenAPI
 * responses ({@link RecordedCloud}), serving until SIGTERM, state in memory. Part of the test
 * sources, so it never ships in a product jar.
 */
@Command(
    name = "fake-cloud",
    mixinStandardHelpOptions = true,
    description =
        "Serve the VPC, ECS and Container Service OpenAPIs on 127.0.0.1 from recorded responses,"
            + " for trying netplane without Alibaba Cloud. Node pools created or modified are kept"
            + " in memory until the process ends.")
public final class FakeCloudMain implements Callable<Integer> {
  @Option(
      names = "--seed",
      required = true,
      paramLabel = "DIR",
      description =
          "DescribeVSwitches, DescribeInstanceTypes and DescribeClusterNodePools (with \"cluster_id\") responses.")
  Path seed;

  @Option(
      names = "--region",
      defaultValue = FakeAlibabaCloud.REGION,
      description = "Region served. Default: ${DEFAULT-VALUE}.")
  String region;

  @Option(
      names = "--port",
      defaultValue = "0",
      description = "Port on 127.0.0.1; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--env-file",
      paramLabel = "FILE",
      description =
          "Written once the server listens: shell exports of NETPLANE_CLOUD_ENDPOINT, NETPLANE_CLOUD_REGION and the AccessKey the server accepts (ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET).")
  Path envFile;

  @Spec CommandSpec spec;

  private final CountDownLatch stopped = new CountDownLatch(1);

  public static void main(String[] args) {
    System.exit(new CommandLine(new FakeCloudMain()).execute(args));
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    FakeAlibabaCloud cloud;
    try {
      RecordedCloud recorded = RecordedCloud.load(seed);
      cloud = FakeAlibabaCloud.start(region, port);
      try {
        seed(cloud, recorded);
      } catch (RuntimeException e) {
        cloud.close();
        throw e;
      }
      out.printf(
          "fake Alibaba Cloud on %s, region %s: %d vSwitch(es), %d instance type(s), clusters %s%n",
          cloud.endpoint(),
          region,
          recorded.vSwitches().size(),
          recorded.instanceTypes().size(),
          recorded.clusters().keySet());
    } catch (SnapshotLoadException | IllegalArgumentException | IllegalStateException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return 1;
    }
    out.flush();
    cloud.callSink(
        c -> {
          synchronized (out) {
            out.printf(
                "%s %s %s -> %d%s%n",
                c.method(),
                c.path(),
                c.action(),
                c.status(),
                c.errorCode() == null ? "" : " " + c.errorCode());
            out.flush();
          }
        });
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  cloud.close();
                  stopped.countDown();
                }));
    if (envFile != null) {
      writeEnvFile(cloud);
    }
    stopped.await();
    return 0;
  }

  private void writeEnvFile(FakeAlibabaCloud cloud) throws IOException {
    String env =
        "# source me: the fake Alibaba Cloud OpenAPI server (pid "
            + ProcessHandle.current().pid()
            + ")\n"
            + "export NETPLANE_CLOUD_ENDPOINT="
            + cloud.endpoint()
            + "\n"
            + "export NETPLANE_CLOUD_REGION="
            + cloud.regionId()
            + "\n"
            + "export ALIBABA_CLOUD_ACCESS_KEY_ID="
            + FakeAlibabaCloud.ACCESS_KEY_ID
            + "\n"
            + "export ALIBABA_CLOUD_ACCESS_KEY_SECRET="
            + FakeAlibabaCloud.ACCESS_KEY_SECRET
            + "\n";
    // written whole, then renamed: a reader never sees half a file
    Path tmp = envFile.resolveSibling(envFile.getFileName() + ".tmp");
    Files.writeString(tmp, env, StandardCharsets.UTF_8);
    Files.move(tmp, envFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Puts the recorded inventory and node pools into the fake. */
  static void seed(FakeAlibabaCloud cloud, RecordedCloud recorded) {
    for (VSwitch v : recorded.vSwitches().values()) {
      if (v.availableIps() == null) {
        throw new IllegalArgumentException("vSwitch " + v.id() + " has no AvailableIpAddressCount");
      }
      cloud.addVSwitch(v.id(), v.zone(), v.cidr(), v.vpcId(), v.availableIps());
    }
    for (InstanceType t : recorded.instanceTypes().values()) {
      cloud.addInstanceType(
          t.id(), t.eniQuantity(), t.ipsPerEni(), t.eniTotalQuantity(), t.trunkSupported());
    }
    recorded
        .clusters()
        .forEach(
            (clusterId, pools) -> {
              cloud.addCluster(clusterId);
              pools.forEach(p -> addNodePool(cloud, clusterId, p));
            });
  }

  private static void addNodePool(FakeAlibabaCloud cloud, String clusterId, NodePool p) {
    FakeNodePool pool =
        cloud
            .addNodePool(clusterId, p.id(), p.name())
            .vSwitchIds(p.vSwitchIds())
            .instanceTypes(p.instanceTypes())
            .securityGroupIds(p.securityGroupIds());
    if (p.desiredSize() != null) {
      pool.desiredSize(p.desiredSize());
    }
    pool.replaceLabels(p.labels());
    List<FakeNodePool.Taint> taints = p.taints().stream().map(FakeCloudMain::taint).toList();
    pool.replaceTaints(taints);
    if (p.status().state() != null) {
      pool.status(p.status().state(), p.status().totalNodes(), p.status().healthyNodes());
    }
  }

  private static FakeNodePool.Taint taint(NodeTaint t) {
    return new FakeNodePool.Taint(t.key(), t.value(), t.effect());
  }
}
