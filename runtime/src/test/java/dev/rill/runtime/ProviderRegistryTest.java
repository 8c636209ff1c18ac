package dev.rill.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.api.ChatRequest;
import dev.rill.api.HttpCall;
import dev.rill.api.ProviderBundle;
import dev.rill.api.ProviderInfo;
import dev.rill.api.ProviderSettings;
import dev.rill.api.RillException;
import dev.rill.api.StreamDecoder;
import dev.rill.api.StreamingProvider;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery through {@link java.util.ServiceLoader}: broken plugins are skipped, duplicate ids are an error. */
class ProviderRegistryTest {
  @TempDir
  Path dir;

  /** A second, valid plugin. */
  public static final class AlphaProvider extends Base {
    public AlphaProvider() { super("alpha"); }
  }

  /** Declares the same id as {@link AlphaProvider}. */
  public static final class AlphaImpostor extends Base {
    public AlphaImpostor() { super("alpha"); }
  }

  /** A plugin whose constructor throws. */
  public static final class ExplodingProvider extends Base {
    public ExplodingProvider() {
      super("boom");
      throw new IllegalStateException("constructor failure");
    }
  }

  /** A bundle contributing two providers. */
  public static final class TwoBundle implements ProviderBundle {
    @Override
    public List<StreamingProvider> providers() {
      return List.of(new Base("bundled-one") {}, new Base("bundled-two") {});
    }
  }

  ClassLoader loaderWith(String providers, String bundles) throws IOException {
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(services.resolve(StreamingProvider.class.getName()), providers);
    if (bundles != null) {
      Files.writeString(services.resolve(ProviderBundle.class.getName()), bundles);
    }
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
  }

  @Test
  void aBrokenPluginIsReportedAndTheOthersLoad() throws IOException {
    ClassLoader loader = loaderWith(ExplodingProvider.class.getName() + "\n"
        + "com.example.DoesNotExist\n" + AlphaProvider.class.getName() + "\n", TwoBundle.class.getName());

    ProviderRegistry registry = ProviderRegistry.discover(loader);

    assertThat(registry.ids()).contains("alpha", "bundled-one", "bundled-two").doesNotContain("boom");
    assertThat(registry.problems()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(registry.problems()).anySatisfy(p -> assertThat(p.message()).contains("ExplodingProvider"));
    assertThat(registry.problems()).anySatisfy(p -> assertThat(p.message()).contains("DoesNotExist"));
  }

  @Test
  void twoPluginsWithOneIdAreAnErrorNamingBoth() throws IOException {
    ClassLoader loader = loaderWith(AlphaProvider.class.getName() + "\n" + AlphaImpostor.class.getName() + "\n", null);

    assertThatThrownBy(() -> ProviderRegistry.discover(loader))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'alpha'")
        .hasMessageContaining(AlphaProvider.class.getName())
        .hasMessageContaining(AlphaImpostor.class.getName());
  }

  @Test
  void anExplicitRegistrationResolvesADuplicateAndReplacesADiscoveredOne() throws IOException {
    ClassLoader loader = loaderWith(AlphaProvider.class.getName() + "\n" + AlphaImpostor.class.getName() + "\n", null);
    StreamingProvider mine = new Base("alpha") {};

    ProviderRegistry registry = ProviderRegistry.builder().discover(loader).register(mine).build();

    assertThat(registry.require("alpha")).isSameAs(mine);
  }

  @Test
  void anUnknownIdListsTheAvailableOnes() {
    ProviderRegistry registry = ProviderRegistry.of(new AlphaProvider(), new LineProvider());
    assertThatThrownBy(() -> registry.require("nope"))
        .isInstanceOf(RillException.class)
        .hasMessageContaining("unknown provider 'nope'")
        .hasMessageContaining("alpha, line");
  }

  @Test
  void registeringOneIdTwiceExplicitlyIsAnError() {
    assertThatThrownBy(() -> ProviderRegistry.builder().register(new AlphaProvider()).register(new AlphaImpostor()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("registered twice");
  }

  /** A provider that only describes itself. */
  public static class Base implements StreamingProvider {
    private final ProviderInfo info;

    Base(String id) {
      info = ProviderInfo.builder(id, id).defaultBaseUrl(URI.create("http://127.0.0.1:9")).build();
    }

    @Override public ProviderInfo info() { return info; }
    @Override public HttpCall prepare(ChatRequest r, ProviderSettings s) { throw new UnsupportedOperationException(); }
    @Override public StreamDecoder newDecoder(ChatRequest r) { throw new UnsupportedOperationException(); }
  }
}
