package dev.rill.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.Capability;
import dev.rill.api.Framing;
import dev.rill.api.ProviderBundle;
import dev.rill.api.ProviderInfo;
import dev.rill.api.StreamingProvider;
import dev.rill.provider.openai.internal.CompatibleCatalogue;
import dev.rill.provider.openai.internal.CompatibleEndpoint;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class OpenAiProviderTest {

  @Test
  void describesOpenAi() {
    ProviderInfo info = new OpenAiProvider().info();
    assertThat(info.id()).isEqualTo("openai");
    assertThat(info.displayName()).isEqualTo("OpenAI");
    assertThat(info.family()).isEqualTo("openai-chat");
    assertThat(info.defaultBaseUrl()).isEqualTo(URI.create("https://api.openai.com/v1"));
    assertThat(info.apiKeyEnv()).isEqualTo("OPENAI_API_KEY");
    assertThat(info.framing()).isEqualTo(Framing.SSE);
    assertThat(info.spiVersion()).isEqualTo(StreamingProvider.SPI_VERSION);
    assertThat(info.capabilities()).containsExactlyInAnyOrder(Capability.TEXT, Capability.TOOLS,
        Capability.REASONING, Capability.USAGE_IN_STREAM, Capability.IMAGES, Capability.SYSTEM_PROMPT,
        Capability.FINISH_REASON, Capability.MULTIPLE_CHOICES, Capability.STRUCTURED_OUTPUT);
    assertThat(new OpenAiProvider().info()).isEqualTo(info);
    // model rows: GPT-4-class models take no reasoning options, o1-mini no tools; o-series and GPT-5 have it all
    assertThat(info.capabilitiesFor("gpt-4o-mini")).contains(Capability.TOOLS).doesNotContain(Capability.REASONING);
    assertThat(info.capabilitiesFor("gpt-4.1-2025-04-14")).doesNotContain(Capability.REASONING);
    assertThat(info.capabilitiesFor("o1-mini")).doesNotContain(Capability.TOOLS, Capability.IMAGES);
    assertThat(info.capabilitiesFor("o4-mini")).isEqualTo(info.capabilities());
    assertThat(info.capabilitiesFor("gpt-5-mini")).isEqualTo(info.capabilities());
  }

  @Test
  void catalogueRowsMatchTheDocumentedEndpoints() {
    Map<String, ProviderInfo> byId = new HashMap<>();
    for (StreamingProvider p : new OpenAiCompatibleProviders().providers()) {
      assertThat(byId.put(p.info().id(), p.info())).as("duplicate id " + p.info().id()).isNull();
    }
    assertThat(byId).containsKeys("openai-compatible", "groq", "deepseek", "mistral", "openrouter", "xai",
        "ollama-openai");
    Object[][] rows = {
        {"openai-compatible", "http://localhost:8000/v1", null},
        {"groq", "https://api.groq.com/openai/v1", "GROQ_API_KEY"},
        {"deepseek", "https://api.deepseek.com", "DEEPSEEK_API_KEY"},
        {"mistral", "https://api.mistral.ai/v1", "MISTRAL_API_KEY"},
        {"openrouter", "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY"},
        {"xai", "https://api.x.ai/v1", "XAI_API_KEY"},
        {"ollama-openai", "http://localhost:11434/v1", null}};
    for (Object[] row : rows) {
      ProviderInfo info = byId.get((String) row[0]);
      assertThat(info.defaultBaseUrl()).as(info.id()).isEqualTo(URI.create((String) row[1]));
      assertThat(info.apiKeyEnv()).as(info.id()).isEqualTo(row[2]);
      assertThat(info.family()).isEqualTo("openai-chat");
      assertThat(info.framing()).isEqualTo(Framing.SSE);
      assertThat(info.capabilities()).contains(Capability.TEXT, Capability.FINISH_REASON);
    }
    for (CompatibleEndpoint e : CompatibleCatalogue.ENDPOINTS) {
      assertThat(e.notes()).as(e.id()).isNotBlank();
    }
  }

  @Test
  void bundleReturnsTheSameProvidersEveryTime() {
    OpenAiCompatibleProviders bundle = new OpenAiCompatibleProviders();
    List<StreamingProvider> first = bundle.providers();
    assertThat(bundle.providers()).isSameAs(first);
  }

  @Test
  void discoveredThroughServiceLoader() {
    List<String> providers = StreamSupport.stream(ServiceLoader.load(StreamingProvider.class).spliterator(), false)
        .map(p -> p.info().id()).toList();
    assertThat(providers).contains("openai");
    List<ProviderBundle> bundles = StreamSupport.stream(ServiceLoader.load(ProviderBundle.class).spliterator(), false)
        .toList();
    assertThat(bundles).anyMatch(b -> b instanceof OpenAiCompatibleProviders);
  }
}
