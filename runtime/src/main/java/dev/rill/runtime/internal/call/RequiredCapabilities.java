package dev.rill.runtime.internal.call;

import dev.rill.api.Capability;
import dev.rill.api.ChatRequest;
import dev.rill.api.ErrorKind;
import dev.rill.api.Message;
import dev.rill.api.ModelCapabilities;
import dev.rill.api.Part;
import dev.rill.api.ProviderInfo;
import dev.rill.api.RillException;
import dev.rill.api.Role;
import dev.rill.api.ToolChoice;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a request needs of a provider, and the refusal when the provider (or the requested model) does not declare
 * it. Checked before the plugin prepares anything, so a refused request sends nothing; a fallback chain skips the
 * specs it refuses.
 *
 * <p>The one place that maps request features to {@link Capability}s: tools, a tool choice other than none, or tool
 * turns in the history need {@link Capability#TOOLS}; an image part {@link Capability#IMAGES}; reasoning options
 * {@link Capability#REASONING}; a system message {@link Capability#SYSTEM_PROMPT}; a response format (JSON mode or a
 * JSON schema) {@link Capability#STRUCTURED_OUTPUT}. A request feature added later is one more line in {@link #of}.
 */
public final class RequiredCapabilities {
  private RequiredCapabilities() {}

  /** The capabilities {@code request} needs, each with what in the request needs it, in enum order. */
  public static Map<Capability, String> of(ChatRequest request) {
    Map<Capability, String> needs = new EnumMap<>(Capability.class);
    if (!request.tools().isEmpty()) {
      needs.put(Capability.TOOLS, "the request defines " + request.tools().size() + " tool(s)");
    } else if (request.toolChoice() != null && request.toolChoice().mode() != ToolChoice.Mode.NONE) {
      needs.put(Capability.TOOLS, "the request sets tool choice " + request.toolChoice().mode());
    }
    if (request.reasoning() != null) {
      needs.put(Capability.REASONING, "the request sets reasoning options");
    }
    if (request.responseFormat() != null) {
      needs.put(Capability.STRUCTURED_OUTPUT, "the request sets a response format");
    }
    for (Message m : request.messages()) {
      if (m.role() == Role.SYSTEM) {
        needs.putIfAbsent(Capability.SYSTEM_PROMPT, "the request has a system message");
      }
      if (m.role() == Role.TOOL || !m.toolCalls().isEmpty()) {
        needs.putIfAbsent(Capability.TOOLS, "the history has tool calls or results");
      }
      for (Part p : m.parts()) {
        if (p instanceof Part.Image) {
          needs.putIfAbsent(Capability.IMAGES, "the request has an image part");
        }
      }
    }
    return needs;
  }

  /**
   * The refusal of {@code request} (with its bare model) by the provider {@code info} describes, or null when it
   * declares everything the request needs. The message names the provider, the model when a model row is the
   * reason, each missing capability and what in the request needs it.
   */
  public static RillException check(ProviderInfo info, ChatRequest request) {
    Map<Capability, String> needs = of(request);
    if (needs.isEmpty()) {
      return null;
    }
    String model = request.model();
    Set<Capability> has = info.capabilitiesFor(model);
    List<String> missing = new ArrayList<>();
    for (Map.Entry<Capability, String> need : needs.entrySet()) {
      if (!has.contains(need.getKey())) {
        missing.add(need.getKey() + " (" + need.getValue() + ")");
      }
    }
    if (missing.isEmpty()) {
      return null;
    }
    ModelCapabilities row = info.modelRowFor(model);
    boolean byModel = row != null && needs.keySet().stream().anyMatch(c -> info.has(c) && !has.contains(c));
    String who = byModel ? "model '" + model + "' of provider '" + info.id() + "' (matching '" + row.pattern() + "')"
        : "provider '" + info.id() + "'";
    return RillException.builder(ErrorKind.INVALID_REQUEST).provider(info.id()).model(model).retryable(false)
        .message(who + " does not support " + String.join(", ", missing) + "; nothing was sent").build();
  }

  /** The refusal for a resolved attempt: {@link #check} with the plugin's description and the bare model. */
  public static RillException check(Resolved resolved) {
    return check(resolved.provider().info(), resolved.request());
  }
}
