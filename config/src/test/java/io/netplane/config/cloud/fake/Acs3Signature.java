package io.netplane.config.cloud.fake;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * ACS3-HMAC-SHA256, the V3 request signature of Alibaba Cloud OpenAPI, written from the spec and
 * checked against tea-openapi 0.3.15 / openapiutil 0.2.2 ({@code Client.getAuthorization}):
 *
 * <pre>
 * CanonicalRequest = METHOD \n path \n canonicalQuery \n canonicalHeaders \n signedHeaders
 *                    \n hex(sha256(body))
 *   canonicalQuery   = sorted percentEncode(k)=percentEncode(v) joined by &amp;
 *                      ("k=" for an empty value)
 *   canonicalHeaders = for each signed header, sorted: lowercase(name):trim(value)\n
 *                      (so the block ends with \n, followed by the separator \n)
 *   signedHeaders    = sorted lowercase names joined by ';' (host, content-type, every x-acs-*)
 * StringToSign  = "ACS3-HMAC-SHA256" \n hex(sha256(CanonicalRequest))
 * Signature     = hex(hmacSha256(secret, StringToSign))
 * Authorization = ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex
 * </pre>
 *
 * The fake verifies with this independent implementation (not the SDK's), so a bug in either shows.
 */
public final class Acs3Signature {
  public static final String ALGORITHM = "ACS3-HMAC-SHA256";

  private Acs3Signature() {}

  /** The three parts of an {@code Authorization} header. */
  public record Parsed(String accessKeyId, List<String> signedHeaders, String signature) {}

  /** Parses the header; null when it is not a well-formed ACS3-HMAC-SHA256 authorization. */
  public static Parsed parse(String authorization) {
    if (authorization == null || !authorization.startsWith(ALGORITHM + " ")) {
      return null;
    }
    String ak = null;
    String signed = null;
    String signature = null;
    for (String part : authorization.substring(ALGORITHM.length() + 1).split(",")) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        return null;
      }
      String name = part.substring(0, eq).trim();
      String value = part.substring(eq + 1).trim();
      switch (name) {
        case "Credential" -> ak = value;
        case "SignedHeaders" -> signed = value;
        case "Signature" -> signature = value;
        default -> {
          return null;
        }
      }
    }
    if (ak == null || ak.isEmpty() || signed == null || signature == null || signature.isEmpty()) {
      return null;
    }
    return new Parsed(ak, signed.isEmpty() ? List.of() : List.of(signed.split(";")), signature);
  }

  /**
   * The canonical request.
   *
   * @param headers header values by lowercase name; must hold every name in {@code signedHeaders}
   */
  public static String canonicalRequest(
      String method,
      String path,
      Map<String, String> query,
      Map<String, String> headers,
      List<String> signedHeaders,
      String payloadSha256Hex) {
    List<String> names = new ArrayList<>(signedHeaders);
    names.sort(null);
    StringBuilder sb = new StringBuilder(method).append('\n');
    sb.append(path == null || path.isBlank() ? "/" : path).append('\n');
    List<String> pairs = new ArrayList<>();
    new TreeMap<>(query)
        .forEach((k, v) -> pairs.add(percentEncode(k) + "=" + (v == null ? "" : percentEncode(v))));
    sb.append(String.join("&", pairs)).append('\n');
    for (String name : names) {
      sb.append(name).append(':').append(headers.get(name).trim()).append('\n');
    }
    sb.append('\n').append(String.join(";", names)).append('\n').append(payloadSha256Hex);
    return sb.toString();
  }

  /** hex(hmacSha256(secret, "ACS3-HMAC-SHA256\n" + hex(sha256(canonicalRequest)))). */
  public static String signature(String secret, String canonicalRequest) {
    String stringToSign =
        ALGORITHM + "\n" + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The {@code Authorization} header value. */
  public static String authorization(
      String accessKeyId, List<String> signedHeaders, String signature) {
    List<String> names = new ArrayList<>(signedHeaders);
    names.sort(null);
    return ALGORITHM
        + " Credential="
        + accessKeyId
        + ",SignedHeaders="
        + String.join(";", names)
        + ",Signature="
        + signature;
  }

  public static String sha256Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** RFC 3986 encoding: form encoding with %20 for space, %2A for '*', and '~' left alone. */
  public static String percentEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~");
  }
}
