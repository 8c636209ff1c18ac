package dev.acme.rill.internal;

import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderError;
import dev.rill.api.RillException;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/** Acme's error bodies, {@code {"error":{"code":"...","message":"..."}}}, and its in-stream error records. */
public final class AcmeErrors {
  private AcmeErrors() {}

  /** Classifies an HTTP error response: the status table, refined by Acme's codes. */
  public static ProviderError classify(int status, byte[] body) {
    String code = null;
    String message = null;
    try (JsonParser p = AcmeJson.FACTORY.createParser(ObjectReadContext.empty(), body)) {
      if (p.nextToken() == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
          String name = p.currentName();
          if (p.nextToken() == JsonToken.START_OBJECT && name.equals("error")) {
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
              String member = p.currentName();
              JsonToken v = p.nextToken();
              if (member.equals("code") && v == JsonToken.VALUE_STRING) {
                code = p.getString();
              } else if (member.equals("message") && v == JsonToken.VALUE_STRING) {
                message = p.getString();
              } else {
                p.skipChildren();
              }
            }
          } else {
            p.skipChildren();
          }
        }
      }
    } catch (JacksonException e) {
      // not JSON: the status decides
    }
    ErrorKind kind = code == null ? null : kindFor(code);
    if (kind == null) {
      kind = status >= 400 ? ProviderError.kindForStatus(status) : ErrorKind.SERVER;
    }
    return ProviderError.of(kind, code, message != null ? message
        : new String(body, StandardCharsets.UTF_8).strip());
  }

  /** An in-stream {@code error} record as the exception to raise. */
  static RillException inStream(String code, String message) {
    ErrorKind kind = code == null ? null : kindFor(code);
    return RillException.builder(kind != null ? kind : ErrorKind.SERVER).providerCode(code)
        .providerMessage(message).build();
  }

  /** Acme's documented error codes; null for one this plugin does not know. */
  static ErrorKind kindFor(String code) {
    return switch (code) {
      case "overloaded" -> ErrorKind.OVERLOADED;
      case "rate_limited" -> ErrorKind.RATE_LIMITED;
      case "quota_exhausted" -> ErrorKind.QUOTA_EXHAUSTED;
      case "context_too_long" -> ErrorKind.CONTEXT_LENGTH_EXCEEDED;
      case "invalid_key" -> ErrorKind.AUTHENTICATION;
      case "internal" -> ErrorKind.SERVER;
      default -> null;
    };
  }
}
