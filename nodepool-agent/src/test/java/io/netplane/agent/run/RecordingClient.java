package io.netplane.agent.run;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A client of the same API server that records the requests it sends ("METHOD path?query") and can
 * be cut off from the Lease, as a replica partitioned from the API server's lease traffic is.
 */
public final class RecordingClient {
  public final KubernetesClient client;
  public final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile boolean leaseCut;

  public RecordingClient(KubernetesClient of) {
    client =
        new KubernetesClientBuilder()
            .withConfig(of.getConfiguration())
            .withHttpClientBuilderConsumer(
                b ->
                    b.addOrReplaceInterceptor(
                        "recording",
                        new Interceptor() {
                          @Override
                          public void before(
                              BasicBuilder builder, HttpRequest request, RequestTags tags) {
                            URI uri = request.uri();
                            if (leaseCut && uri.getPath().contains("/leases")) {
                              // nothing listens on port 1: the request fails as with the API server
                              // unreachable
                              builder.uri(URI.create("http://127.0.0.1:1" + uri.getRawPath()));
                              return;
                            }
                            requests.add(
                                request.method()
                                    + " "
                                    + uri.getRawPath()
                                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
                          }
                        }))
            .build();
  }

  public void cutLease() {
    leaseCut = true;
  }

  /** Requests that change something, other than the Lease's. */
  public List<String> writes() {
    return requests.stream().filter(r -> !r.startsWith("GET ") && !r.contains("/leases")).toList();
  }
}
