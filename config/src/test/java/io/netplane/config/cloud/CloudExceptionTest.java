package io.netplane.config.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.tea.TeaException;
import com.aliyun.tea.TeaRequest;
import com.aliyun.tea.TeaRetryableException;
import com.aliyun.tea.TeaUnretryableException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** How SDK failures map to codes, throttling and retryability. */
class CloudExceptionTest {

  /** A TeaException shaped like the one tea-openapi 0.3.15 throws for an error response. */
  static TeaException apiError(int status, String code, String message) {
    Map<String, Object> data = new HashMap<>();
    data.put("Code", code);
    data.put("Message", message);
    data.put("RequestId", "REQ-1");
    data.put("statusCode", status);
    Map<String, Object> map = new HashMap<>();
    map.put("code", code);
    map.put("message", "code: " + status + ", " + message + " request id: REQ-1");
    map.put("data", data);
    return new TeaException(map);
  }

  record Row(int status, String code, boolean throttled, boolean retryable) {}

  static List<Row> rows() {
    return List.of(
        new Row(400, "Throttling.User", true, true),
        new Row(400, "Throttling", true, true),
        new Row(400, "Throttling.Api", true, true),
        new Row(429, "TooManyRequests", true, true),
        new Row(500, "InternalError", false, true),
        new Row(503, "ServiceUnavailable", false, true),
        new Row(400, "InvalidParameter", false, false),
        new Row(404, "ErrorNodePoolNotFound", false, false),
        new Row(400, "SignatureDoesNotMatch", false, false));
  }

  @ParameterizedTest
  @MethodSource("rows")
  void mapsApiErrors(Row row) {
    CloudException e =
        CloudException.from("DescribeVSwitches", apiError(row.status(), row.code(), "msg"));
    assertThat(e.code()).isEqualTo(row.code());
    assertThat(e.httpStatus()).isEqualTo(row.status());
    assertThat(e.throttled()).isEqualTo(row.throttled());
    assertThat(e.retryable()).isEqualTo(row.retryable());
    assertThat(e.requestId()).isEqualTo("REQ-1");
    assertThat(e.apiMessage()).isEqualTo("msg");
    assertThat(e.getMessage())
        .isEqualTo(
            "DescribeVSwitches failed: "
                + row.code()
                + " (HTTP "
                + row.status()
                + "): msg [request id REQ-1]");
  }

  @Test
  void ioFailuresAreRetryableAndDropTheRequestHoldingTheToken() {
    TeaRequest last = new TeaRequest();
    last.headers.put("x-acs-security-token", "secret-token");
    var wrapped =
        new TeaUnretryableException(
            last, new TeaRetryableException(new ConnectException("Connection refused")));

    CloudException e = CloudException.from("DescribeInstanceTypes", wrapped);

    assertThat(e.code()).isEqualTo(CloudException.IO_ERROR);
    assertThat(e.retryable()).isTrue();
    assertThat(e.throttled()).isFalse();
    assertThat(e.httpStatus()).isZero();
    assertThat(e.getCause()).isInstanceOf(ConnectException.class);
  }

  @Test
  void readTimeoutsAreTimeouts() {
    var wrapped =
        new TeaUnretryableException(
            new TeaRequest(), new TeaRetryableException(new SocketTimeoutException("timeout")));
    CloudException e = CloudException.from("DescribeVSwitches", wrapped);
    assertThat(e.code()).isEqualTo(CloudException.TIMEOUT);
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void clientSideFailuresAreNotRetryable() {
    CloudException e =
        CloudException.from("CreateClusterNodePool", new IllegalStateException("no credentials"));
    assertThat(e.code()).isEqualTo(CloudException.CLIENT_ERROR);
    assertThat(e.retryable()).isFalse();
    assertThat(e.apiMessage()).isEqualTo("no credentials");
  }

  @Test
  void camelCaseErrorBodiesAreRead() {
    Map<String, Object> data =
        new HashMap<>(
            Map.of(
                "code",
                "ErrorClusterNotFound",
                "message",
                "gone",
                "requestId",
                "R2",
                "statusCode",
                404));
    TeaException tea =
        new TeaException(
            Map.of("code", "ErrorClusterNotFound", "message", "code: 404, gone", "data", data));
    CloudException e = CloudException.from("DescribeClusterNodePools", tea);
    assertThat(e.apiMessage()).isEqualTo("gone");
    assertThat(e.requestId()).isEqualTo("R2");
    assertThat(e.httpStatus()).isEqualTo(404);
  }
}
