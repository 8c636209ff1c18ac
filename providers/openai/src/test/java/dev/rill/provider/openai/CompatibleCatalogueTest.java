package dev.rill.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.Framing;
import dev.rill.api.HttpCall;
import dev.rill.api.ProviderBundle;
import dev.rill.api.ProviderInfo;
import dev.rill.api.ProviderSettings;
import dev.rill.api.RillException;
import dev.rill.api.Secret;
import dev.rill.api.StreamingProvider;
import dev.rill.provider.openai.internal.CompatibleCatalogue;
import dev.rill.provider.openai.internal.CompatibleEndpoint;
import java.net.URI;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every catalogue row: its shape, and the URL and auth header its provider's {@code prepare} produces. */
class CompatibleCatalogueTest {

  /** How many rows the catalogue has; it may grow, never shrink below this. */
  private static final int ROWS = 37;

  /** Ids the project's other provider families use; a catalogue row must not take one. */
  private static final Set<String> OTHER_FAMILY_IDS = Set.of("openai", "openai-responses", "xai-responses",
      "azure-openai-responses", "azure-openai", "anthropic", "vertex-anthropic", "gemini", "vertex", "ollama",
      "cohere", "bedrock");

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  private static final Pattern ENV = Pattern.compile("[A-Z][A-Z0-9_]*");
  private static final Secret KEY = Secret.of("test-key-0123456789");

  /**
   * The chat-completions URL each row must produce with its default base URL (options: account-id = acct-123),
   * written out independently of the catalogue so that a changed base URL fails here.
   */
  private static final Map<String, String> EXPECTED_URLS = Map.ofEntries(
      Map.entry("openai-compatible", "http://localhost:8000/v1/chat/completions"),
      Map.entry("groq", "https://api.groq.com/openai/v1/chat/completions"),
      Map.entry("deepseek", "https://api.deepseek.com/chat/completions"),
      Map.entry("mistral", "https://api.mistral.ai/v1/chat/completions"),
      Map.entry("openrouter", "https://openrouter.ai/api/v1/chat/completions"),
      Map.entry("xai", "https://api.x.ai/v1/chat/completions"),
      Map.entry("ollama-openai", "http://localhost:11434/v1/chat/completions"),
      Map.entry("together", "https://api.together.ai/v1/chat/completions"),
      Map.entry("fireworks", "https://api.fireworks.ai/inference/v1/chat/completions"),
      Map.entry("cerebras", "https://api.cerebras.ai/v1/chat/completions"),
      Map.entry("deepinfra", "https://api.deepinfra.com/v1/openai/chat/completions"),
      Map.entry("nvidia", "https://integrate.api.nvidia.com/v1/chat/completions"),
      Map.entry("moonshot", "https://api.moonshot.ai/v1/chat/completions"),
      Map.entry("dashscope", "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions"),
      Map.entry("zai", "https://api.z.ai/api/paas/v4/chat/completions"),
      Map.entry("siliconflow", "https://api.siliconflow.com/v1/chat/completions"),
      Map.entry("hyperbolic", "https://api.hyperbolic.xyz/v1/chat/completions"),
      Map.entry("novita", "https://api.novita.ai/v3/openai/chat/completions"),
      Map.entry("sambanova", "https://api.sambanova.ai/v1/chat/completions"),
      Map.entry("nebius", "https://api.tokenfactory.nebius.com/v1/chat/completions"),
      Map.entry("github-models", "https://models.github.ai/inference/chat/completions"),
      Map.entry("huggingface", "https://router.huggingface.co/v1/chat/completions"),
      Map.entry("cloudflare-workers-ai",
          "https://api.cloudflare.com/client/v4/accounts/acct-123/ai/v1/chat/completions"),
      Map.entry("vllm", "http://localhost:8000/v1/chat/completions"),
      Map.entry("lm-studio", "http://localhost:1234/v1/chat/completions"),
      Map.entry("llama-cpp", "http://localhost:8080/v1/chat/completions"),
      Map.entry("minimax", "https://api.minimax.io/v1/chat/completions"),
      Map.entry("volcengine-ark", "https://ark.cn-beijing.volces.com/api/v3/chat/completions"),
      Map.entry("venice", "https://api.venice.ai/api/v1/chat/completions"),
      Map.entry("upstage", "https://api.upstage.ai/v1/chat/completions"),
      Map.entry("scaleway", "https://api.scaleway.ai/v1/chat/completions"),
      Map.entry("qianfan", "https://qianfan.baidubce.com/v2/chat/completions"),
      Map.entry("hunyuan", "https://api.hunyuan.cloud.tencent.com/v1/chat/completions"),
      Map.entry("baseten", "https://inference.baseten.co/v1/chat/completions"),
      Map.entry("chutes", "https://llm.chutes.ai/v1/chat/completions"),
      Map.entry("perplexity", "https://api.perplexity.ai/chat/completions"),
      Map.entry("gemini-openai", "https://generativelanguage.googleapis.com/v1beta/openai/chat/completions"));

  private static final List<CompatibleEndpoint> ROWS_ = CompatibleCatalogue.ENDPOINTS;

  private static StreamingProvider provider(String id) {
    return new OpenAiCompatibleProviders().providers().stream().filter(p -> p.info().id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no provider " + id));
  }

  private static ProviderSettings settings(StreamingProvider p, Secret key, Map<String, String> options) {
    return ProviderSettings.of(p.info().id(), p.info().defaultBaseUrl(), key, Map.of(), options);
  }

  @Test
  void theCatalogueHasAtLeastItsCheckedRows() {
    assertThat(ROWS_).hasSizeGreaterThanOrEqualTo(ROWS);
    assertThat(new OpenAiCompatibleProviders().providers()).hasSize(ROWS_.size());
    assertThat(EXPECTED_URLS.keySet()).as("every row has an expected URL in this test")
        .containsExactlyInAnyOrderElementsOf(ROWS_.stream().map(CompatibleEndpoint::id).toList());
  }

  @Test
  void idsAreShortLowerCaseAndUniqueAcrossThePlugin() {
    Set<String> seen = new HashSet<>();
    for (CompatibleEndpoint row : ROWS_) {
      assertThat(row.id()).as(row.id()).matches(ID).hasSizeLessThanOrEqualTo(24);
      assertThat(seen.add(row.id())).as("duplicate id " + row.id()).isTrue();
      assertThat(OTHER_FAMILY_IDS).as(row.id() + " collides with another family").doesNotContain(row.id());
    }
    assertThat(seen).doesNotContain(new OpenAiProvider().info().id(), new AzureOpenAiProvider().info().id());
  }

  @TestFactory
  Stream<DynamicTest> everyRowIsWellFormed() {
    return ROWS_.stream().map(row -> DynamicTest.dynamicTest(row.id(), () -> {
      URI base = row.defaultBaseUri();
      assertThat(row.displayName()).isNotBlank();
      if (row.isLocal()) {
        assertThat(base.getScheme()).isEqualTo("http");
        assertThat(row.apiKeyEnv()).as("a local server needs no key variable").isNull();
        assertThat(row.dialect().keyRequired()).isFalse();
      } else {
        assertThat(base.getScheme()).as("a remote server is reached over https").isEqualTo("https");
        assertThat(row.apiKeyEnv()).as("a remote server names its key variable").isNotNull().matches(ENV);
      }
      assertThat(row.source()).as("the documentation page the row was checked against").startsWith("https://");
      assertThat(URI.create(row.source()).getHost()).isNotBlank();
      assertThat(row.notes()).as("what the documentation says").isNotBlank().hasSizeGreaterThan(40);
      ProviderInfo info = row.info();
      assertThat(info.family()).isEqualTo("openai-chat");
      assertThat(info.framing()).isEqualTo(Framing.SSE);
      assertThat(info.capabilities()).contains(dev.rill.api.Capability.TEXT, dev.rill.api.Capability.FINISH_REASON);
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyRowPreparesItsDocumentedUrlAndAuthHeader() {
    ChatRequest request = ChatRequest.builder("some-model").user("hi").maxTokens(9).build();
    return ROWS_.stream().map(row -> DynamicTest.dynamicTest(row.id(), () -> {
      StreamingProvider p = provider(row.id());
      Map<String, String> options = new HashMap<>();
      row.requiredOptions().forEach(o -> options.put(o, "acct-123"));
      HttpCall call = p.prepare(request, settings(p, KEY, options));
      assertThat(call.method()).isEqualTo("POST");
      assertThat(call.uri()).isEqualTo(URI.create(EXPECTED_URLS.get(row.id())));
      assertThat(call.headers()).containsEntry("Authorization", "Bearer " + KEY.reveal())
          .containsEntry("Accept", "text/event-stream").containsEntry("Content-Type", "application/json");
      assertThat(call.bodyText()).startsWith("{\"model\":\"some-model\",").contains("\"stream\":true")
          .contains("\"" + row.dialect().maxTokensField() + "\":9");
      assertThat(call.bodyText().contains("stream_options")).isEqualTo(row.dialect().streamUsageOption());
      assertThat(call.toString()).doesNotContain(KEY.reveal());

      if (row.dialect().keyRequired()) {
        RillException e = catchThrowableOfType(RillException.class,
            () -> p.prepare(request, settings(p, null, options)));
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(e.getMessage()).contains(row.apiKeyEnv());
      } else {
        HttpCall keyless = p.prepare(request, settings(p, null, options));
        assertThat(keyless.headers()).doesNotContainKey("Authorization");
      }
    }));
  }

  @Test
  void aBaseUrlPlaceholderNeedsItsOptionAndIsEncoded() {
    StreamingProvider cloudflare = provider("cloudflare-workers-ai");
    ChatRequest request = ChatRequest.builder("@cf/meta/llama-3.1-8b-instruct").user("hi").build();
    RillException e = catchThrowableOfType(RillException.class,
        () -> cloudflare.prepare(request, settings(cloudflare, KEY, Map.of())));
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.getMessage()).contains("cloudflare-workers-ai", "account-id");
    assertThat(catchThrowableOfType(RillException.class,
        () -> cloudflare.prepare(request, settings(cloudflare, KEY, Map.of("account-id", "  "))))).isNotNull();
    assertThat(cloudflare.prepare(request, settings(cloudflare, KEY, Map.of("account-id", "a b/c"))).uri())
        .isEqualTo(URI.create("https://api.cloudflare.com/client/v4/accounts/a%20b%2Fc/ai/v1/chat/completions"));
    ProviderSettings overridden = ProviderSettings.of("cloudflare-workers-ai",
        URI.create("https://gateway.example.com/v1/acc/cf"), KEY, Map.of(), Map.of());
    assertThat(cloudflare.prepare(request, overridden).uri())
        .isEqualTo(URI.create("https://gateway.example.com/v1/acc/cf/chat/completions"));
    assertThat(cloudflare.info().defaultBaseUrl().getPath()).contains("{account-id}");
  }

  @Test
  void everyRowIsDiscoveredThroughTheBundle() {
    Set<String> ids = new HashSet<>();
    for (ProviderBundle bundle : ServiceLoader.load(ProviderBundle.class)) {
      bundle.providers().forEach(p -> ids.add(p.info().id()));
    }
    assertThat(ids).containsAll(EXPECTED_URLS.keySet());
    List<String> providers = StreamSupport.stream(ServiceLoader.load(StreamingProvider.class).spliterator(), false)
        .map(p -> p.info().id()).toList();
    assertThat(providers).contains("openai", "azure-openai");
  }
}
