package dev.rill.provider.gemini.internal;

import dev.rill.api.Usage;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * One {@code GenerateContentResponse} payload read into a small view: only what the decoder uses, everything else
 * skipped. Reading is separate from applying so that a payload that fails to read leaves the decoder's state
 * untouched.
 */
final class GeminiPayload {

  final List<Candidate> candidates = new ArrayList<>(1);
  Usage usage;
  String modelVersion;
  String responseId;
  String blockReason;
  GeminiErrors.GoogleError error;

  /** One candidate: its index (0 when absent), parts and raw finish reason. */
  static final class Candidate {
    int index;
    final List<PartView> parts = new ArrayList<>(2);
    String finishReason;
  }

  /** One content part: text (reasoning when {@code thought}), a thought signature, a function call. */
  static final class PartView {
    String text;
    boolean thought;
    String thoughtSignature;
    FunctionCall functionCall;
  }

  /** A {@code functionCall}: whole ({@code args}) or streamed ({@code partialArgs}, {@code willContinue}). */
  static final class FunctionCall {
    String name;
    String id;
    String args;
    final List<PartialArgsWriter.PartialArg> partialArgs = new ArrayList<>(0);
    boolean willContinue;
  }

  /**
   * Reads a payload; the parser is at the top-level START_OBJECT and ends at its END_OBJECT.
   *
   * @throws tools.jackson.core.JacksonException for invalid JSON
   */
  static GeminiPayload read(JsonParser p) {
    GeminiPayload payload = new GeminiPayload();
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "candidates" -> {
          if (v == JsonToken.START_ARRAY) {
            while (p.nextToken() == JsonToken.START_OBJECT) {
              payload.candidates.add(candidate(p));
            }
          } else {
            p.skipChildren();
          }
        }
        case "usageMetadata" -> payload.usage = v == JsonToken.START_OBJECT ? usage(p) : skip(p, null);
        case "modelVersion" -> payload.modelVersion = v == JsonToken.VALUE_STRING ? p.getString() : skip(p, null);
        case "responseId" -> payload.responseId = v == JsonToken.VALUE_STRING ? p.getString() : skip(p, null);
        case "promptFeedback" -> {
          if (v == JsonToken.START_OBJECT) {
            String f;
            while ((f = p.nextName()) != null) {
              JsonToken fv = p.nextToken();
              if (f.equals("blockReason") && (fv == JsonToken.VALUE_STRING || fv == JsonToken.VALUE_NUMBER_INT)) {
                payload.blockReason = p.getString();
              } else {
                p.skipChildren();
              }
            }
          } else {
            p.skipChildren();
          }
        }
        case "error" -> payload.error = v == JsonToken.START_OBJECT ? GeminiErrors.readError(p) : skip(p, null);
        default -> p.skipChildren();
      }
    }
    return payload;
  }

  private static Candidate candidate(JsonParser p) {
    Candidate c = new Candidate();
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "index" -> {
          if (v == JsonToken.VALUE_NUMBER_INT) {
            c.index = Math.max(0, p.getIntValue());
          } else {
            p.skipChildren();
          }
        }
        case "finishReason" -> {
          if (v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NUMBER_INT) {
            c.finishReason = p.getString();
          } else {
            p.skipChildren();
          }
        }
        case "content" -> {
          if (v == JsonToken.START_OBJECT) {
            String f;
            while ((f = p.nextName()) != null) {
              JsonToken fv = p.nextToken();
              if (f.equals("parts") && fv == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                  c.parts.add(part(p));
                }
              } else {
                p.skipChildren();
              }
            }
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
    return c;
  }

  private static PartView part(JsonParser p) {
    PartView part = new PartView();
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "text" -> part.text = v == JsonToken.VALUE_STRING ? p.getString() : skip(p, null);
        case "thought" -> part.thought = v == JsonToken.VALUE_TRUE;
        case "thoughtSignature" -> part.thoughtSignature = v == JsonToken.VALUE_STRING ? p.getString() : skip(p, null);
        case "functionCall" -> part.functionCall = v == JsonToken.START_OBJECT ? functionCall(p) : skip(p, null);
        default -> p.skipChildren();
      }
    }
    return part;
  }

  private static FunctionCall functionCall(JsonParser p) {
    FunctionCall fc = new FunctionCall();
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "name" -> fc.name = v == JsonToken.VALUE_STRING ? p.getString() : skip(p, null);
        case "id" -> fc.id = v == JsonToken.VALUE_STRING ? p.getString() : skip(p, null);
        case "args" -> fc.args = v == JsonToken.START_OBJECT ? GeminiJson.compactCopy(p) : skip(p, null);
        case "willContinue" -> fc.willContinue = v == JsonToken.VALUE_TRUE;
        case "partialArgs" -> {
          if (v == JsonToken.START_ARRAY) {
            while (p.nextToken() == JsonToken.START_OBJECT) {
              PartialArgsWriter.PartialArg arg = partialArg(p);
              if (arg != null) {
                fc.partialArgs.add(arg);
              }
            }
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
    return fc;
  }

  private static PartialArgsWriter.PartialArg partialArg(JsonParser p) {
    String path = null;
    String string = null;
    String json = null;
    boolean willContinue = false;
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "jsonPath" -> path = v == JsonToken.VALUE_STRING ? p.getString() : skip(p, null);
        case "stringValue" -> string = v == JsonToken.VALUE_STRING ? p.getString() : skip(p, string);
        case "numberValue", "boolValue" -> {
          if (v.isScalarValue() && v != JsonToken.VALUE_NULL && v != JsonToken.VALUE_STRING) {
            json = GeminiJson.compactCopy(p);
          } else {
            p.skipChildren();
          }
        }
        case "nullValue" -> {
          p.skipChildren();
          json = "null";
        }
        case "willContinue" -> willContinue = v == JsonToken.VALUE_TRUE;
        default -> p.skipChildren();
      }
    }
    return path == null ? null : new PartialArgsWriter.PartialArg(path, string, string != null ? null : json,
        willContinue);
  }

  /**
   * Reads {@code usageMetadata}. Input is {@code promptTokenCount} plus {@code toolUsePromptTokenCount} (cached
   * tokens are part of the prompt count); output is {@code candidatesTokenCount} plus {@code thoughtsTokenCount},
   * so input + output equals Google's {@code totalTokenCount}; reasoning is {@code thoughtsTokenCount}, cached input
   * {@code cachedContentTokenCount}. A count Google leaves out stays null unless its sum has another part. Null when
   * the object holds no count at all (Vertex sends {@code {"trafficType": ...}} alone mid-stream).
   */
  private static Usage usage(JsonParser p) {
    Long prompt = null;
    Long toolPrompt = null;
    Long candidates = null;
    Long total = null;
    Long thoughts = null;
    Long cached = null;
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken v = p.nextToken();
      if (v != JsonToken.VALUE_NUMBER_INT) {
        p.skipChildren();
        continue;
      }
      long n = Math.max(0, p.getLongValue());
      switch (name) {
        case "promptTokenCount" -> prompt = n;
        case "toolUsePromptTokenCount" -> toolPrompt = n;
        case "candidatesTokenCount" -> candidates = n;
        case "totalTokenCount" -> total = n;
        case "thoughtsTokenCount" -> thoughts = n;
        case "cachedContentTokenCount" -> cached = n;
        default -> { }
      }
    }
    Long input = sum(prompt, toolPrompt);
    Long output = sum(candidates, thoughts);
    if (input == null && output == null && total == null && thoughts == null && cached == null) {
      return null;
    }
    return new Usage(input, output, total, thoughts, cached, null);
  }

  private static Long sum(Long a, Long b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : a + b;
  }

  private static <T> T skip(JsonParser p, T value) {
    p.skipChildren();
    return value;
  }
}
