package io.netplane.config.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netplane.config.cloud.CloudConfig.Product;
import io.netplane.config.cloud.CloudConfig.Protocol;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CloudConfigTest {

  @Test
  void productionDefaultsAreValid() {
    CloudConfig config = CloudConfig.builder("cn-hangzhou").build();
    assertThat(config.errors()).isEmpty();
    assertThat(config.protocol()).isEqualTo(Protocol.HTTPS);
    assertThat(config.credentials()).isInstanceOf(CloudCredentials.DefaultChain.class);
    assertThat(config.endpointFor(Product.VPC)).isNull();
  }

  @Test
  void productEndpointWinsOverTheCommonOne() {
    CloudConfig config =
        CloudConfig.builder("cn-hangzhou")
            .endpoint("proxy.internal:8443")
            .endpoint(Product.CS, "cs-vpc.cn-hangzhou.aliyuncs.com")
            .build();
    assertThat(config.errors()).isEmpty();
    assertThat(config.endpointFor(Product.CS)).isEqualTo("cs-vpc.cn-hangzhou.aliyuncs.com");
    assertThat(config.endpointFor(Product.ECS)).isEqualTo("proxy.internal:8443");
  }

  @Test
  void reportsEveryErrorAtOnce() {
    CloudConfig config =
        CloudConfig.builder("Hangzhou")
            .endpoint("http://127.0.0.1:8080")
            .endpoint(Product.ECS, "127.0.0.1:70000")
            .protocol(Protocol.HTTP)
            .connectTimeout(Duration.ZERO)
            .readTimeout(null)
            .credentials(CloudCredentials.sts("AK", " ", ""))
            .build();

    assertThat(config.errors())
        .containsExactly(
            "regionId: 'Hangzhou' is not a region id such as cn-hangzhou",
            "endpoint: 'http://127.0.0.1:8080' must be host[:port] without a scheme; set protocol",
            "endpoints.ECS: port 70000 is outside 1..65535",
            "connectTimeout: must be positive, got PT0S",
            "readTimeout: required",
            "credentials.accessKeySecret: required",
            "credentials.securityToken: blank; omit it for a plain AccessKey");
    assertThatThrownBy(() -> AlibabaCloudClients.create(config))
        .isInstanceOf(CloudConfigException.class)
        .satisfies(e -> assertThat(((CloudConfigException) e).errors()).hasSize(7))
        .hasMessageContaining("regionId:")
        .hasMessageContaining("credentials.securityToken:");
  }

  @Test
  void plainHttpNeedsAnOverrideForEveryProduct() {
    CloudConfig config =
        CloudConfig.builder("cn-hangzhou")
            .endpoint(Product.VPC, "127.0.0.1:9000")
            .protocol(Protocol.HTTP)
            .build();
    assertThat(config.errors())
        .containsExactly(
            "protocol: HTTP is only allowed with an endpoint override, but ECS uses the public"
                + " regional endpoint",
            "protocol: HTTP is only allowed with an endpoint override, but CS uses the public"
                + " regional endpoint");
  }

  @Test
  void missingEverythingIsListed() {
    CloudConfig config = new CloudConfig(null, null, null, null, null, null, null);
    assertThat(config.errors())
        .containsExactly(
            "regionId: required",
            "protocol: required (HTTP or HTTPS)",
            "connectTimeout: required",
            "readTimeout: required",
            "credentials: required (use the default chain in production)");
  }

  @Test
  void neverPrintsSecrets() {
    CloudConfig config =
        CloudConfig.builder("cn-hangzhou")
            .credentials(CloudCredentials.sts("LTAI5tABCDEFGH1234", "s3cr3t-value", "token-value"))
            .build();
    assertThat(config.toString())
        .doesNotContain("s3cr3t-value")
        .doesNotContain("token-value")
        .doesNotContain("LTAI5tABCDEFGH")
        .contains("****1234");
  }
}
