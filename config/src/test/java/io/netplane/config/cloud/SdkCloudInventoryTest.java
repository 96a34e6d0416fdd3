package io.netplane.config.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.netplane.config.cloud.fake.FakeAlibabaCloud;
import io.netplane.config.cloud.fake.Fault;
import io.netplane.config.cloud.fake.RecordedCall;
import io.netplane.config.model.InstanceType;
import io.netplane.config.model.VSwitch;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The VPC/ECS adapter through the real V2 SDKs against the fake OpenAPI server. */
class SdkCloudInventoryTest {
  FakeAlibabaCloud cloud;
  CloudInventory inventory;

  @BeforeEach
  void start() {
    cloud = FakeAlibabaCloud.start();
    inventory = AlibabaCloudClients.create(cloud.cloudConfig()).inventory();
  }

  @AfterEach
  void stop() {
    cloud.close();
  }

  static String vsw(int i) {
    return String.format("vsw-%03d", i);
  }

  @Nested
  class DescribeVSwitches {
    @BeforeEach
    void inventory() {
      // 120 in vpc-1 (three pages of 50), 5 in vpc-2
      for (int i = 0; i < 120; i++) {
        cloud.addVSwitch(
            vsw(i), "cn-hangzhou-" + (char) ('h' + i % 3), "10.0." + i + ".0/24", "vpc-1", 200 + i);
      }
      for (int i = 120; i < 125; i++) {
        cloud.addVSwitch(vsw(i), "cn-hangzhou-k", "10.1." + i + ".0/24", "vpc-2", 7);
      }
    }

    @Test
    void pagesThroughTheWholeVpc() {
      List<VSwitch> all = inventory.describeVSwitches("vpc-1", List.of());

      assertThat(all).hasSize(120).extracting(VSwitch::vpcId).containsOnly("vpc-1");
      assertThat(all.get(119))
          .isEqualTo(new VSwitch("vsw-119", "cn-hangzhou-j", "10.0.119.0/24", "vpc-1", 319L));
      List<RecordedCall> calls = cloud.calls("DescribeVSwitches");
      assertThat(calls).extracting(c -> c.param("PageNumber")).containsExactly("1", "2", "3");
      assertThat(calls).extracting(c -> c.param("PageSize")).containsOnly("50");
      assertThat(calls).extracting(c -> c.param("VpcId")).containsOnly("vpc-1");
      assertThat(calls).extracting(c -> c.param("RegionId")).containsOnly(FakeAlibabaCloud.REGION);
      assertThat(calls)
          .allMatch(c -> c.method().equals("POST") && c.path().equals("/") && c.body().isEmpty());
    }

    @Test
    void stopsExactlyWhenAPageIsFull() {
      for (int i = 20; i < 120; i++) {
        cloud.removeVSwitch(vsw(i));
      }
      for (int i = 20; i < 50; i++) {
        cloud.addVSwitch(vsw(i), "cn-hangzhou-h", "10.0." + i + ".0/24", "vpc-1", 1);
      }
      assertThat(inventory.describeVSwitches("vpc-1", null)).hasSize(50);
      assertThat(cloud.calls("DescribeVSwitches")).hasSize(1);
    }

    @Test
    void withAVpcFiltersTheListingByIdIncludingLaterPages() {
      List<VSwitch> some =
          inventory.describeVSwitches("vpc-1", List.of("vsw-007", "vsw-101", "vsw-121", "vsw-404"));

      assertThat(some).extracting(VSwitch::id).containsExactly("vsw-007", "vsw-101");
      assertThat(cloud.calls("DescribeVSwitches"))
          .extracting(c -> c.param("VSwitchId"))
          .containsOnlyNulls();
    }

    @Test
    void withoutAVpcAsksOncePerId() {
      List<VSwitch> some =
          inventory.describeVSwitches(null, List.of("vsw-121", "vsw-003", "vsw-404", "vsw-003"));

      assertThat(some).extracting(VSwitch::id).containsExactly("vsw-121", "vsw-003");
      assertThat(cloud.calls("DescribeVSwitches"))
          .extracting(c -> c.param("VSwitchId"))
          .containsExactly("vsw-121", "vsw-003", "vsw-404");
      assertThat(cloud.calls("DescribeVSwitches"))
          .extracting(c -> c.param("VpcId"))
          .containsOnlyNulls();
    }

    @Test
    void freeIpsAreReadFreshOnEveryCall() {
      assertThat(inventory.describeVSwitches(null, List.of("vsw-005")).get(0).availableIps())
          .isEqualTo(205);
      cloud.vSwitch("vsw-005").availableIps(3);
      assertThat(inventory.describeVSwitches(null, List.of("vsw-005")).get(0).availableIps())
          .isEqualTo(3);
    }

    @Test
    void aThrottledPageFailsTheCallThenTheNextAttemptSucceeds() {
      cloud.failNext("DescribeVSwitches", 1, Fault.throttling());

      CloudException e =
          catchThrowableOfType(
              CloudException.class, () -> inventory.describeVSwitches("vpc-1", List.of()));

      assertThat(e.code()).isEqualTo("Throttling.User");
      assertThat(e.httpStatus()).isEqualTo(400);
      assertThat(e.throttled()).isTrue();
      assertThat(e.retryable()).isTrue();
      assertThat(e.action()).isEqualTo("DescribeVSwitches");
      assertThat(e.requestId()).isNotBlank();
      assertThat(e.apiMessage()).isEqualTo("Request was denied due to user flow control.");
      assertThat(inventory.describeVSwitches("vpc-1", List.of())).hasSize(120);
    }

    @Test
    void aFailureOnALaterPageFailsTheWholeCall() {
      cloud.failNth("DescribeVSwitches", 2, Fault.serverError());

      CloudException e =
          catchThrowableOfType(
              CloudException.class, () -> inventory.describeVSwitches("vpc-1", List.of()));

      assertThat(e.code()).isEqualTo("InternalError");
      assertThat(e.retryable()).isTrue();
      assertThat(cloud.calls("DescribeVSwitches"))
          .extracting(c -> c.param("PageNumber"))
          .containsExactly("1", "2");
    }

    @Test
    void serverErrorsAreRetryableButNotThrottling() {
      cloud.failAlways("DescribeVSwitches", Fault.unavailable());

      CloudException e =
          catchThrowableOfType(
              CloudException.class, () -> inventory.describeVSwitches("vpc-2", null));

      assertThat(e.code()).isEqualTo("ServiceUnavailable");
      assertThat(e.httpStatus()).isEqualTo(503);
      assertThat(e.throttled()).isFalse();
      assertThat(e.retryable()).isTrue();
    }
  }

  @Nested
  class DescribeInstanceTypes {
    @BeforeEach
    void catalogue() {
      for (int i = 0; i < 30; i++) {
        cloud.addInstanceType("ecs.t" + i + ".large", 3, 10 + i, i % 2 == 0 ? 11 : 3, i % 2 == 0);
      }
    }

    @Test
    void batchesTenIdsPerCallAndFollowsNextToken() {
      cloud.instanceTypePageLimit(4);
      List<String> ids = IntStream.range(0, 25).mapToObj(i -> "ecs.t" + i + ".large").toList();

      List<InstanceType> types = inventory.describeInstanceTypes(ids);

      assertThat(types).extracting(InstanceType::id).containsExactlyElementsOf(ids);
      assertThat(types.get(0)).isEqualTo(new InstanceType("ecs.t0.large", 3, 10, 11, true));
      assertThat(types.get(1)).isEqualTo(new InstanceType("ecs.t1.large", 3, 11, 3, false));
      List<RecordedCall> calls = cloud.calls("DescribeInstanceTypes");
      // 10 ids -> 3 pages, 10 -> 3, 5 -> 2
      assertThat(calls).hasSize(8);
      assertThat(calls)
          .allSatisfy(
              c ->
                  assertThat(
                          c.query().keySet().stream().filter(k -> k.startsWith("InstanceTypes.")))
                      .hasSizeBetween(1, 10));
      assertThat(calls.get(0).param("InstanceTypes.1")).isEqualTo("ecs.t0.large");
      assertThat(calls.get(0).param("InstanceTypes.10")).isEqualTo("ecs.t9.large");
      assertThat(calls.get(0).param("NextToken")).isNull();
      assertThat(calls.get(1).param("NextToken")).isNotBlank();
      assertThat(calls.get(1).param("InstanceTypes.1")).isEqualTo("ecs.t0.large");
      assertThat(calls.get(6).param("InstanceTypes.5")).isEqualTo("ecs.t24.large");
      assertThat(calls.get(6).param("InstanceTypes.6")).isNull();
    }

    @Test
    void unknownTypesAreAbsentAndNothingAskedMeansNoCall() {
      assertThat(inventory.describeInstanceTypes(List.of("ecs.t3.large", "ecs.nope")))
          .extracting(InstanceType::id)
          .containsExactly("ecs.t3.large");
      assertThat(inventory.describeInstanceTypes(List.of())).isEmpty();
      assertThat(cloud.calls("DescribeInstanceTypes")).hasSize(1);
    }

    @Test
    void throttlingOnAnyActionIsReported() {
      cloud.failNext(FakeAlibabaCloud.ANY_ACTION, 2, Fault.throttling());

      for (int i = 0; i < 2; i++) {
        CloudException e =
            catchThrowableOfType(
                CloudException.class,
                () -> inventory.describeInstanceTypes(List.of("ecs.t1.large")));
        assertThat(e.throttled()).isTrue();
        assertThat(e.action()).isEqualTo("DescribeInstanceTypes");
      }
      assertThat(inventory.describeInstanceTypes(List.of("ecs.t1.large"))).hasSize(1);
    }
  }

  @Nested
  class Transport {
    @Test
    void aSlowAnswerIsARetryableTimeout() {
      cloud.addInstanceType("ecs.g7.large", 3, 10, 11, true);
      cloud.delay("DescribeInstanceTypes", Duration.ofMillis(1500));
      CloudInventory impatient =
          AlibabaCloudClients.create(
                  cloud.cloudConfigBuilder().readTimeout(Duration.ofMillis(200)).build())
              .inventory();

      CloudException e =
          catchThrowableOfType(
              CloudException.class, () -> impatient.describeInstanceTypes(List.of("ecs.g7.large")));

      assertThat(e.code()).isEqualTo(CloudException.TIMEOUT);
      assertThat(e.retryable()).isTrue();
      assertThat(e.httpStatus()).isZero();
    }

    @Test
    void noServerIsARetryableIoError() {
      CloudConfig config = cloud.cloudConfig();
      cloud.close();
      CloudInventory orphan = AlibabaCloudClients.create(config).inventory();

      CloudException e =
          catchThrowableOfType(
              CloudException.class, () -> orphan.describeVSwitches(null, List.of("vsw-1")));

      assertThat(e.code()).isEqualTo(CloudException.IO_ERROR);
      assertThat(e.retryable()).isTrue();
    }
  }

  @Nested
  class Signature {
    @BeforeEach
    void one() {
      cloud.addVSwitch("vsw-1", "cn-hangzhou-h", "10.0.0.0/24", "vpc-1", 10);
    }

    @Test
    void aWrongSecretIsRejected() {
      CloudInventory forged =
          AlibabaCloudClients.create(
                  cloud
                      .cloudConfigBuilder()
                      .credentials(
                          CloudCredentials.accessKey(
                              FakeAlibabaCloud.ACCESS_KEY_ID, "not-the-secret"))
                      .build())
              .inventory();

      CloudException e =
          catchThrowableOfType(CloudException.class, () -> forged.describeVSwitches("vpc-1", null));

      assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
      assertThat(e.httpStatus()).isEqualTo(400);
      assertThat(e.retryable()).isFalse();
      assertThat(cloud.calls("DescribeVSwitches"))
          .extracting(RecordedCall::errorCode)
          .containsExactly("SignatureDoesNotMatch");
    }

    @Test
    void anUnknownAccessKeyIsRejected() {
      CloudInventory stranger =
          AlibabaCloudClients.create(
                  cloud
                      .cloudConfigBuilder()
                      .credentials(CloudCredentials.accessKey("LTAIother", "x"))
                      .build())
              .inventory();

      CloudException e =
          catchThrowableOfType(
              CloudException.class, () -> stranger.describeVSwitches("vpc-1", null));

      assertThat(e.code()).isEqualTo("InvalidAccessKeyId.NotFound");
      assertThat(e.httpStatus()).isEqualTo(404);
    }

    @Test
    void stsTokensAreSentAndChecked() {
      cloud.addStsToken("STS.id", "sts-secret", "the-token");
      CloudInventory good =
          AlibabaCloudClients.create(
                  cloud
                      .cloudConfigBuilder()
                      .credentials(CloudCredentials.sts("STS.id", "sts-secret", "the-token"))
                      .build())
              .inventory();
      CloudInventory stale =
          AlibabaCloudClients.create(
                  cloud
                      .cloudConfigBuilder()
                      .credentials(CloudCredentials.sts("STS.id", "sts-secret", "old-token"))
                      .build())
              .inventory();

      assertThat(good.describeVSwitches("vpc-1", null)).hasSize(1);
      CloudException e =
          catchThrowableOfType(CloudException.class, () -> stale.describeVSwitches("vpc-1", null));
      assertThat(e.code()).isEqualTo("InvalidSecurityToken.MismatchWithAccessKey");
    }
  }
}
