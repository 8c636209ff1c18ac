package dev.rill.provider.gemini.internal;

import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderSettings;
import dev.rill.api.RillException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Builds the streaming URLs and headers of Google AI and Vertex AI, and checks the names that go into them. */
public final class GeminiEndpoints {

  /** The Google AI default base URL. */
  public static final String GOOGLE_AI_BASE = "https://generativelanguage.googleapis.com";
  /** The Vertex AI default base URL (region us-central1). */
  public static final String VERTEX_BASE = "https://us-central1-aiplatform.googleapis.com";
  /** The Vertex region used when the {@code region} option is absent. */
  public static final String DEFAULT_REGION = "us-central1";

  private static final String STREAM = ":streamGenerateContent?alt=sse";
  /** A model or resource path: letters, digits, '.', '-', '_', '@' and '/' between segments. */
  private static final Pattern RESOURCE = Pattern.compile("[A-Za-z0-9._@-]+(/[A-Za-z0-9._@-]+)*");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

  private GeminiEndpoints() {}

  /**
   * The Google AI URL: {@code {base}/v1beta/models/{model}:streamGenerateContent?alt=sse}. A model holding a slash
   * is taken as a resource path ({@code tunedModels/x}, {@code models/x}).
   */
  public static URI googleAi(String providerId, URI base, String model) {
    String resource = model.contains("/") ? model : "models/" + model;
    checkResource(providerId, resource, "model");
    return URI.create(trimSlash(base) + "/v1beta/" + resource + STREAM);
  }

  /**
   * The Vertex AI URL: {@code {base}/v1/projects/{p}/locations/{r}/publishers/google/models/{model}...}. The base is
   * the settings' base URL when it was overridden, else the region's host ({@code global} uses
   * {@code https://aiplatform.googleapis.com}). A model starting with {@code projects/} is a full resource name
   * (a tuned model or endpoint); one starting with {@code publishers/} replaces {@code publishers/google/models/x}.
   *
   * @throws RillException INVALID_REQUEST when the {@code project} option is missing or a name is not plain
   */
  public static URI vertex(String providerId, ProviderSettings settings, String model) {
    String project = settings.option("project").map(String::strip).filter(s -> !s.isEmpty()).orElseThrow(
        () -> invalid(providerId, "Vertex AI needs the provider option 'project' (the Google Cloud project id) "
            + "in the settings of provider '" + providerId + "'"));
    String region = settings.option("region").or(() -> settings.option("location")).map(String::strip)
        .filter(s -> !s.isEmpty()).orElse(DEFAULT_REGION).toLowerCase(Locale.ROOT);
    checkName(providerId, project, "project");
    checkName(providerId, region, "region");
    String base;
    if (!settings.baseUrl().toString().equals(VERTEX_BASE)) {
      base = trimSlash(settings.baseUrl());
    } else if (region.equals("global")) {
      base = "https://aiplatform.googleapis.com";
    } else {
      base = "https://" + region + "-aiplatform.googleapis.com";
    }
    String resource;
    if (model.startsWith("projects/")) {
      resource = model;
    } else {
      String tail = model.startsWith("publishers/") ? model : "publishers/google/models/" + model;
      resource = "projects/" + project + "/locations/" + region + "/" + tail;
    }
    checkResource(providerId, resource, "model");
    return URI.create(base + "/v1/" + resource + STREAM);
  }

  /** The JSON and SSE headers, then the settings' extra headers, then the credential header. */
  public static Map<String, String> headers(ProviderSettings settings, String credentialHeader, String credential) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Accept", "text/event-stream");
    headers.putAll(settings.headers());
    headers.put(credentialHeader, credential);
    return headers;
  }

  private static void checkResource(String providerId, String resource, String what) {
    if (!RESOURCE.matcher(resource).matches()) {
      throw invalid(providerId, "the " + what + " '" + resource + "' may hold only letters, digits, '.', '-', '_', "
          + "'@' and '/' between segments");
    }
  }

  private static void checkName(String providerId, String value, String what) {
    if (!NAME.matcher(value).matches()) {
      throw invalid(providerId, "the " + what + " '" + value + "' may hold only letters, digits, '.', '-' and '_'");
    }
  }

  private static String trimSlash(URI base) {
    String s = base.toString();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  private static RillException invalid(String providerId, String message) {
    return RillException.builder(ErrorKind.INVALID_REQUEST).provider(providerId).message(message).build();
  }
}
