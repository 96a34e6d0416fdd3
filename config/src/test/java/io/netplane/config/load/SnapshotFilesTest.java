package io.netplane.config.load;

import static io.netplane.config.load.SnapshotLoaderTest.TAKEN_AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Objects defined in more than one place, and paths that cannot be read. */
class SnapshotFilesTest {
  @TempDir Path dir;

  static String pod(String name, String node) {
    return "apiVersion: v1\nkind: Pod\nmetadata: {name: "
        + name
        + ", namespace: apps}\nspec: {nodeName: "
        + node
        + "}\n";
  }

  static String node(String name, String zone) {
    return "apiVersion: v1\nkind: Node\nmetadata: {name: "
        + name
        + ", labels: {topology.kubernetes.io/zone: "
        + zone
        + "}}\n";
  }

  @Nested
  class Redefined {
    @Test
    void theDefinitionReadLastIsUsedWithAWarningNamingBothFiles() throws IOException {
      Files.writeString(
          dir.resolve("a.yaml"), pod("web", "node-a") + "---\n" + node("node-a", "cn-hangzhou-h"));
      Files.createDirectory(dir.resolve("b"));
      Files.writeString(
          dir.resolve("b/pods.yaml"),
          pod("web", "node-b") + "---\n" + node("node-a", "cn-hangzhou-i"));

      LoadReport r = SnapshotLoader.load(dir, TAKEN_AT);

      assertThat(r.snapshot().pods()).hasSize(1);
      assertThat(r.snapshot().pod("apps", "web").nodeName()).isEqualTo("node-b");
      assertThat(r.snapshot().nodes().get("node-a").zone()).isEqualTo("cn-hangzhou-i");
      assertThat(r.loaded()).containsEntry("Pod", 1).containsEntry("Node", 1);
      assertThat(r.warnings())
          .containsExactly(
              "2 object(s) defined in "
                  + dir.resolve("a.yaml")
                  + " and again in "
                  + dir.resolve("b/pods.yaml")
                  + " (Pod apps/web, Node node-a); the definition read last is used");
    }

    @Test
    void twiceInOneListIsReportedOnceForTheFile() throws IOException {
      StringBuilder list = new StringBuilder("apiVersion: v1\nitems:\n");
      for (int i = 0; i < 7; i++) {
        list.append("- {apiVersion: v1, kind: Namespace, metadata: {name: ns-")
            .append(i)
            .append("}}\n");
        list.append("- {apiVersion: v1, kind: Namespace, metadata: {name: ns-")
            .append(i)
            .append(", labels: {copy: second}}}\n");
      }
      Files.writeString(dir.resolve("ns.yaml"), list.append("kind: List\n"));

      LoadReport r = SnapshotLoader.load(dir, TAKEN_AT);

      assertThat(r.snapshot().namespaces()).hasSize(7);
      assertThat(r.snapshot().namespaces().get("ns-6").labels()).containsEntry("copy", "second");
      assertThat(r.warnings())
          .containsExactly(
              "7 object(s) defined twice in "
                  + dir.resolve("ns.yaml")
                  + " (Namespace ns-0, Namespace ns-1, Namespace ns-2, Namespace ns-3, Namespace ns-4 and 2 more);"
                  + " the definition read last is used");
    }

    @Test
    void cloudResponsesOverlappingAreReportedToo() throws IOException {
      String page =
          "{\"VSwitches\": {\"VSwitch\": [{\"VSwitchId\": \"vsw-1\", \"ZoneId\": \"cn-hangzhou-h\", \"AvailableIpAddressCount\": %d}]}}";
      Files.writeString(dir.resolve("page-1.json"), page.formatted(10));
      Files.writeString(dir.resolve("page-2.json"), page.formatted(20));

      LoadReport r = SnapshotLoader.load(dir, TAKEN_AT);

      assertThat(r.snapshot().vSwitches().get("vsw-1").availableIps()).isEqualTo(20);
      assertThat(r.warnings())
          .singleElement()
          .asString()
          .contains("VSwitch vsw-1")
          .contains("page-1.json")
          .contains("page-2.json");
    }

    @Test
    void nothingRedefinedNoWarning() {
      assertThat(SnapshotLoader.load(SnapshotLoaderTest.resource("cluster-a"), TAKEN_AT).warnings())
          .isEmpty();
    }
  }

  @Nested
  class ItemsReadBeforeTheirKind {
    @Test
    void aJsonListAsKubectlPrintsItKeepsItsItems() throws IOException {
      Files.writeString(
          dir.resolve("pods.json"),
          "{\"apiVersion\": \"v1\", \"items\": [{\"apiVersion\": \"v1\", \"kind\": \"Pod\","
              + " \"metadata\": {\"name\": \"web\", \"namespace\": \"apps\"}}], \"kind\": \"List\", \"metadata\": {}}");

      assertThat(SnapshotLoader.load(dir, TAKEN_AT).snapshot().pod("apps", "web")).isNotNull();
    }

    @Test
    void itemsOfADocumentThatIsNotAListAreDropped() throws IOException {
      Files.writeString(
          dir.resolve("custom.yaml"),
          "apiVersion: example.com/v1\nitems:\n- "
              + pod("web", "node-a").strip().replace("\n", "\n  ")
              + "\n- [not, an, object]\nkind: Inventory\n");

      LoadReport r = SnapshotLoader.load(dir, TAKEN_AT);

      assertThat(r.snapshot().pods()).isEmpty();
      assertThat(r.skipped()).isEqualTo(java.util.Map.of("Inventory", 1));
    }

    @Test
    void aBadItemOfAListIsAnError() throws IOException {
      Files.writeString(
          dir.resolve("list.yaml"), "apiVersion: v1\nitems:\n- [not, an, object]\nkind: List\n");

      assertThatThrownBy(() -> SnapshotLoader.load(dir, TAKEN_AT))
          .isInstanceOf(SnapshotLoadException.class)
          .hasMessage(dir.resolve("list.yaml") + ": a document is not an object");
    }
  }

  @Nested
  class Unreadable {
    @Test
    void aBrokenSymbolicLinkIsAnErrorNotASilentGap() throws IOException {
      Path link =
          Files.createSymbolicLink(
              dir.resolve("pods.yaml"), dir.resolve("captured-elsewhere.yaml"));

      assertThatThrownBy(() -> SnapshotLoader.load(dir, TAKEN_AT))
          .isInstanceOfSatisfying(
              SnapshotLoadException.class, e -> assertThat(e.file()).isEqualTo(link))
          .hasMessage(link + ": a broken symbolic link");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aFifoIsAnErrorAndIsNeverOpened() throws Exception {
      Path fifo = dir.resolve("pods.yaml");
      Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
      assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");

      assertThatThrownBy(() -> SnapshotLoader.load(dir, TAKEN_AT))
          .isInstanceOf(SnapshotLoadException.class)
          .hasMessage(fifo + ": not a regular file");
    }

    @Test
    void anUnreadableSubdirectoryIsAOneLineError() throws IOException {
      Path sub = Files.createDirectory(dir.resolve("kube-system"));
      Files.writeString(sub.resolve("cm.yaml"), "{}");
      withoutPermissions(
          sub,
          () -> {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(sub)) {
              abort("this user reads directories whatever their permissions (root?)");
            } catch (IOException expected) {
              // the walk will meet the same refusal
            }
            assertThatThrownBy(() -> SnapshotLoader.load(dir, TAKEN_AT))
                .isInstanceOfSatisfying(
                    SnapshotLoadException.class, e -> assertThat(e.file()).isEqualTo(sub))
                .hasMessage(sub + ": cannot read: permission denied");
          });
    }

    @Test
    void anUnreadableFileIsAOneLineError() throws IOException {
      Path file = Files.writeString(dir.resolve("pods.yaml"), pod("web", "node-a"));
      withoutPermissions(
          file,
          () -> {
            assumeTrue(
                !Files.isReadable(file),
                "this user reads files whatever their permissions (root?)");
            assertThatThrownBy(() -> SnapshotLoader.load(dir, TAKEN_AT))
                .isInstanceOf(SnapshotLoadException.class)
                .hasMessage(file + ": cannot read: permission denied");
          });
    }

    private void withoutPermissions(Path p, ThrowingRunnable check) throws IOException {
      var before = Files.getPosixFilePermissions(p);
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("---------"));
      try {
        check.run();
      } finally {
        // @TempDir must be able to delete it
        Files.setPosixFilePermissions(p, before);
      }
    }
  }

  interface ThrowingRunnable {
    void run() throws IOException;
  }
}
