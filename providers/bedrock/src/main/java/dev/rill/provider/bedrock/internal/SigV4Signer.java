package dev.rill.provider.bedrock.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 (header form, {@code AWS4-HMAC-SHA256}), written from AWS's specification
 * ("Create a signed AWS API request", IAM user guide) and checked against AWS's published test suite.
 *
 * <p>The signer signs exactly the headers it is given: the caller adds {@code host}, {@code x-amz-date} and, when it
 * wants them signed, {@code x-amz-content-sha256} and {@code x-amz-security-token} first. The credential scope's date
 * is the first eight characters of {@code x-amz-date}, which is therefore required.
 *
 * <ul>
 *   <li><b>Canonical URI</b>: the path <em>as sent</em> on the request line, each byte URI-encoded once more except
 *       unreserved characters ({@code A-Z a-z 0-9 - _ . ~}) and {@code /}. A path already percent-encoded for the
 *       wire (a Bedrock model id {@code v1:0} sent as {@code v1%3A0}) is therefore encoded twice
 *       ({@code v1%253A0}), as AWS's SDKs do for every service but S3. The path is not normalised ({@code .} and
 *       {@code ..} segments are kept); an empty path is {@code /}.
 *   <li><b>Canonical query</b>: each {@code name=value} pair percent-decoded, then URI-encoded (unreserved characters
 *       only), sorted by name then value; a pair without {@code =} has an empty value.
 *   <li><b>Canonical headers</b>: lower-case names, values trimmed with inner runs of spaces collapsed to one, sorted
 *       by name; the signed-headers list is the names joined by {@code ;}.
 *   <li><b>Payload</b>: the lower-case hex SHA-256 of the body.
 * </ul>
 *
 * Stateless and thread-safe. The secret key is used only to derive the signing key and never kept or shown.
 */
public final class SigV4Signer {

  /** The algorithm name in the string to sign and the Authorization header. */
  public static final String ALGORITHM = "AWS4-HMAC-SHA256";
  /** The lower-case date header SigV4 requires, {@code yyyyMMdd'T'HHmmss'Z'}. */
  public static final String X_AMZ_DATE = "x-amz-date";

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

  private final String service;
  private final String region;

  /** A signer for {@code service} (e.g. {@code bedrock}) in {@code region} (e.g. {@code us-east-1}). */
  public SigV4Signer(String service, String region) {
    this.service = service;
    this.region = region;
  }

  /**
   * The intermediate and final values of one signature.
   *
   * @param canonicalRequest the canonical request
   * @param stringToSign the string to sign
   * @param signedHeaders the signed header names joined by {@code ;}
   * @param signature the hex signature
   * @param authorization the {@code Authorization} header value
   */
  public record Signature(String canonicalRequest, String stringToSign, String signedHeaders, String signature,
      String authorization) {}

  /**
   * Signs a request.
   *
   * @param method the HTTP method
   * @param rawPath the path exactly as sent on the request line (already percent-encoded for the wire)
   * @param rawQuery the query as sent, without {@code ?}, or null
   * @param headers every header to sign, {@code x-amz-date} among them; names in any case
   * @param payloadHash the hex SHA-256 of the body ({@link #sha256Hex})
   * @param accessKeyId the access key id
   * @param secretAccessKey the secret access key
   * @throws IllegalArgumentException when {@code x-amz-date} is missing or malformed
   */
  public Signature sign(String method, String rawPath, String rawQuery, Map<String, String> headers,
      String payloadHash, String accessKeyId, String secretAccessKey) {
    TreeMap<String, String> canonical = new TreeMap<>();
    for (Map.Entry<String, String> h : headers.entrySet()) {
      canonical.merge(h.getKey().toLowerCase(Locale.ROOT), canonicalHeaderValue(h.getValue()), (a, b) -> a + "," + b);
    }
    String amzDate = canonical.get(X_AMZ_DATE);
    if (amzDate == null || !amzDate.matches("\\d{8}T\\d{6}Z")) {
      throw new IllegalArgumentException("SigV4 needs an x-amz-date header of the form yyyyMMddTHHmmssZ");
    }
    StringBuilder headerBlock = new StringBuilder();
    for (Map.Entry<String, String> h : canonical.entrySet()) {
      headerBlock.append(h.getKey()).append(':').append(h.getValue()).append('\n');
    }
    String signedHeaders = String.join(";", canonical.keySet());
    String canonicalRequest = method.toUpperCase(Locale.ROOT) + '\n' + canonicalUri(rawPath) + '\n'
        + canonicalQuery(rawQuery) + '\n' + headerBlock + '\n' + signedHeaders + '\n' + payloadHash;
    String date = amzDate.substring(0, 8);
    String scope = date + '/' + region + '/' + service + "/aws4_request";
    String stringToSign = ALGORITHM + '\n' + amzDate + '\n' + scope + '\n'
        + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    String signature = hex(hmac(signingKey(secretAccessKey, date, region, service),
        stringToSign.getBytes(StandardCharsets.UTF_8)));
    String authorization = ALGORITHM + " Credential=" + accessKeyId + '/' + scope + ", SignedHeaders=" + signedHeaders
        + ", Signature=" + signature;
    return new Signature(canonicalRequest, stringToSign, signedHeaders, signature, authorization);
  }

  /**
   * The derived signing key: {@code HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")}.
   */
  public static byte[] signingKey(String secretAccessKey, String date, String region, String service) {
    byte[] kDate = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8),
        date.getBytes(StandardCharsets.UTF_8));
    byte[] kRegion = hmac(kDate, region.getBytes(StandardCharsets.UTF_8));
    byte[] kService = hmac(kRegion, service.getBytes(StandardCharsets.UTF_8));
    return hmac(kService, "aws4_request".getBytes(StandardCharsets.UTF_8));
  }

  /** The canonical URI of a path as sent (see the class comment). */
  public static String canonicalUri(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    return uriEncode(rawPath, true);
  }

  /** The canonical query string of a raw query (see the class comment); empty for none. */
  public static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      pairs.add(new String[] {uriEncode(percentDecode(name), false), uriEncode(percentDecode(value), false)});
    }
    pairs.sort((a, b) -> {
      int byName = a[0].compareTo(b[0]);
      return byName != 0 ? byName : a[1].compareTo(b[1]);
    });
    StringBuilder out = new StringBuilder();
    for (String[] p : pairs) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(p[0]).append('=').append(p[1]);
    }
    return out.toString();
  }

  /** A header value trimmed, with every run of spaces inside it collapsed to one space. */
  static String canonicalHeaderValue(String value) {
    String v = value.strip();
    StringBuilder out = new StringBuilder(v.length());
    boolean space = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == ' ') {
        if (!space) {
          out.append(c);
        }
        space = true;
      } else {
        out.append(c);
        space = false;
      }
    }
    return out.toString();
  }

  /**
   * URI-encodes {@code text} as SigV4 wants it: every UTF-8 byte but the unreserved characters becomes
   * {@code %XY} (upper-case hex); {@code /} is kept when {@code keepSlash}.
   */
  public static String uriEncode(String text, boolean keepSlash) {
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
          || c == '.' || c == '~' || (keepSlash && c == '/')) {
        sb.append(c);
      } else {
        sb.append('%').append(UPPER_HEX[c >> 4]).append(UPPER_HEX[c & 0xf]);
      }
    }
    return sb.toString();
  }

  /** Decodes {@code %XY} escapes (as UTF-8); malformed escapes are kept as they are. */
  static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int hi = i + 2 < bytes.length && bytes[i] == '%' ? Character.digit(bytes[i + 1], 16) : -1;
      int lo = hi >= 0 ? Character.digit(bytes[i + 2], 16) : -1;
      if (hi >= 0 && lo >= 0) {
        out.write(hi << 4 | lo);
        i += 2;
      } else {
        out.write(bytes[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The lower-case hex SHA-256 of {@code bytes}. */
  public static String sha256Hex(byte[] bytes) {
    try {
      return hex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Lower-case hex. */
  public static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(out);
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "SigV4Signer[" + service + ", " + region + "]";
  }
}
