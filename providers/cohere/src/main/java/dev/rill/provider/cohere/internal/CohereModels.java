package dev.rill.provider.cohere.internal;

import static dev.rill.api.Capability.IMAGES;
import static dev.rill.api.Capability.REASONING;

import dev.rill.api.ModelCapabilities;
import java.util.List;

/**
 * The Cohere model families that lack part of what Chat v2 offers: image input only on the vision models (Command
 * A Vision); Command A Vision takes no thinking parameter. The other Command models keep REASONING although only
 * Command A Reasoning takes the thinking parameter: they stream their tool plans as reasoning (golden
 * {@code tool-call}), and rule H0.7 holds a declaration to what the goldens show. First match wins; a model no row
 * names has the provider's full set.
 */
public final class CohereModels {
  private static final String IMAGES_PAGE = "https://docs.cohere.com/docs/image-inputs";
  private static final String REASONING_PAGE = "https://docs.cohere.com/docs/reasoning";

  /** The rows, in match order. */
  public static final List<ModelCapabilities> ROWS = List.of(
      ModelCapabilities.lacking("command-a-vision*", REASONING_PAGE, REASONING),
      ModelCapabilities.lacking("command-a-reasoning*", IMAGES_PAGE, IMAGES),
      ModelCapabilities.lacking("command-a-0*", IMAGES_PAGE, IMAGES),
      ModelCapabilities.lacking("command-a-translate*", IMAGES_PAGE, IMAGES),
      ModelCapabilities.lacking("command-r*", IMAGES_PAGE, IMAGES),
      ModelCapabilities.lacking("command-light*", IMAGES_PAGE, IMAGES),
      ModelCapabilities.lacking("command", IMAGES_PAGE, IMAGES));

  private CohereModels() {}
}
