package dev.rill.provider.openai.internal;

import dev.rill.api.ErrorKind;
import dev.rill.api.ProviderSettings;
import dev.rill.api.RillException;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where an Azure OpenAI chat-completions request goes, from the settings' base URL and options.
 *
 * <ul>
 *   <li>Dated API versions ({@code 2024-10-21}, {@code 2025-04-01-preview}...): {@code {root}/deployments/{model}/
 *       chat/completions?api-version={version}}, the model being the deployment name;
 *   <li>{@code v1}: {@code {root}/v1/chat/completions} (the model, again the deployment name, goes in the body);
 *       {@code preview}: the same with {@code ?api-version=preview}.
 * </ul>
 * The root is {@code https://{resource}.openai.azure.com/openai} when the base URL is the provider's placeholder
 * default (the option {@code resource} is then required), else the configured base URL with {@code /openai} appended
 * unless it already ends with it (an API Management gateway, a test server).
 */
public final class AzureEndpoint {

  /** The API version used when the option {@code api-version} is not set: the current GA dated version. */
  public static final String DEFAULT_API_VERSION = "2024-10-21";

  private static final Pattern DATED = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-preview)?");
  private static final Pattern RESOURCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,62}");

  private final String providerId;
  private final URI placeholderBase;

  /**
   * @param providerId the provider id, for errors
   * @param placeholderBase the provider's default base URL, which means "build it from the option resource"
   */
  public AzureEndpoint(String providerId, URI placeholderBase) {
    this.providerId = providerId;
    this.placeholderBase = placeholderBase;
  }

  /** The API version the settings ask for: {@code v1}, {@code preview} or a dated version. */
  public String apiVersion(ProviderSettings settings, String model) {
    String version = settings.option("api-version").map(String::strip).filter(v -> !v.isEmpty())
        .orElse(DEFAULT_API_VERSION);
    String lower = version.toLowerCase(Locale.ROOT);
    if (lower.equals("v1") || lower.equals("preview")) {
      return lower;
    }
    if (!DATED.matcher(version).matches()) {
      throw invalid(model, "option 'api-version' must be v1, preview or a dated version such as "
          + DEFAULT_API_VERSION + ": '" + version + "'");
    }
    return version;
  }

  /** Whether the version is one of the v1 API's ({@code v1} or {@code preview}). */
  public static boolean isV1(String apiVersion) {
    return apiVersion.equals("v1") || apiVersion.equals("preview");
  }

  /** The full chat-completions URI for {@code model} (the deployment name). */
  public URI uri(ProviderSettings settings, String model, String apiVersion) {
    String root = root(settings, model);
    if (apiVersion.equals("v1")) {
      return URI.create(root + "/v1/chat/completions");
    }
    if (apiVersion.equals("preview")) {
      return URI.create(root + "/v1/chat/completions?api-version=preview");
    }
    if (model == null || model.isBlank()) {
      throw invalid(model, "the model must be the Azure deployment name");
    }
    return URI.create(root + "/deployments/" + ChatRequestEncoder.pathSegment(model)
        + "/chat/completions?api-version=" + apiVersion);
  }

  private String root(ProviderSettings settings, String model) {
    URI base = settings.baseUrl();
    if (base.equals(placeholderBase)) {
      String resource = settings.option("resource").map(String::strip).filter(r -> !r.isEmpty())
          .orElseThrow(() -> invalid(model, "provider '" + providerId + "' needs the option 'resource' (the Azure "
              + "OpenAI resource name, as in https://<resource>.openai.azure.com) or a base URL"));
      if (!RESOURCE.matcher(resource).matches()) {
        throw invalid(model, "option 'resource' is not an Azure resource name: '" + resource + "'");
      }
      return "https://" + resource.toLowerCase(Locale.ROOT) + ".openai.azure.com/openai";
    }
    String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || base.getRawAuthority() == null) {
      throw invalid(model, "the base URL must be an absolute http or https URL: " + base.getScheme() + "://"
          + base.getRawAuthority() + base.getRawPath());
    }
    if (base.getRawQuery() != null) {
      throw invalid(model, "the base URL must not have a query; set the API version with the option "
          + "'api-version'");
    }
    String path = base.getRawPath() == null ? "" : base.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (!path.endsWith("/openai")) {
      path = path + "/openai";
    }
    return scheme + "://" + base.getRawAuthority() + path;
  }

  private RillException invalid(String model, String message) {
    return RillException.builder(ErrorKind.INVALID_REQUEST).provider(providerId).model(model).message(message)
        .build();
  }
}
