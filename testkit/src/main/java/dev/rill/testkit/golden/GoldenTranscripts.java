// Why one file of about 500 lines: the golden format (index, wire files, expectation files) is read in one place so
// the plugins' tests, the kit and the CLI cannot disagree on it; each part is a method.

package dev.rill.testkit.golden;

import dev.rill.api.ErrorKind;
import dev.rill.api.FinishReason;
import dev.rill.api.ReasoningBlock;
import dev.rill.api.Framing;
import dev.rill.api.ToolCall;
import dev.rill.api.Usage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Loads the golden transcripts a provider jar ships, from the class path.
 *
 * <p><b>Layout a provider must ship</b>, under {@code src/main/resources/META-INF/rill/transcripts/<provider-id>/}:
 * <ul>
 *   <li>{@code index.txt}: the transcript base names, one per line ({@code #} comments and blank lines ignored).
 *       Providers MUST ship it: listing a class-path directory is not reliable for every class loader. Directory
 *       listing of {@code file:} and {@code jar:} URLs is tried too, and the union is used.
 *   <li>{@code <name>.json}: the metadata and expectation (format below);
 *   <li>{@code <name>.<ext>}: the wire bytes, where ext follows the framing: {@code sse} (SSE), {@code ndjson}
 *       (NDJSON), {@code bin} (AWS_EVENT_STREAM), {@code jsonarray} (JSON_ARRAY); or the file the metadata's
 *       optional {@code "wire"} member names.
 * </ul>
 *
 * <pre>{@code
 * { "provider": "openai", "model": "gpt-4o-mini", "framing": "SSE",
 *   "description": "one line", "source": "https://...", "request": {"prompt": "..."},
 *   "expect": { "text": "...", "reasoning": "", "refusal": "",
 *     "toolCalls": [{"id": "call_1", "name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}],
 *     "reasoningBlocks": [{"text": "...", "signature": "...", "redacted": false, "data": ""}],
 *     "finishReason": {"kind": "STOP", "raw": "stop"},
 *     "usage": {"inputTokens": 10, "outputTokens": 5, "totalTokens": 15, "reasoningTokens": null,
 *               "cachedInputTokens": null, "cacheWriteTokens": null},
 *     "error": null } }
 * }</pre>
 *
 * {@code reasoningBlocks} (the fold's {@link dev.rill.api.ChatResponse#reasoningBlocks()}) and a tool call's
 * {@code signature} are optional: left out, they are not checked. Unknown top-level members are ignored; unknown members inside {@code expect}, {@code usage}, tool calls and
 * {@code error} are errors (they are usually typos). A broken transcript raises {@link IllegalArgumentException}
 * naming its resource.
 */
public final class GoldenTranscripts {
  /** The class-path directory holding every provider's transcripts. */
  public static final String ROOT = "META-INF/rill/transcripts/";
  /** The index file name each provider directory must hold. */
  public static final String INDEX = "index.txt";

  private static final JsonFactory JSON = new JsonFactory();

  private GoldenTranscripts() {}

  /**
   * Every golden transcript of {@code providerId} on the thread's context class path (else this class's), sorted
   * by name; empty when there is none.
   */
  public static List<Golden> list(String providerId) {
    return list(providerId, defaultLoader());
  }

  /** Every golden transcript of {@code providerId} visible to {@code loader}, sorted by name. */
  public static List<Golden> list(String providerId, ClassLoader loader) {
    List<Golden> out = new ArrayList<>();
    for (String name : names(providerId, loader)) {
      out.add(load(providerId, name, loader));
    }
    return List.copyOf(out);
  }

  /** The transcript base names of {@code providerId}: the index files' entries plus any listed directory's. */
  public static List<String> names(String providerId, ClassLoader loader) {
    String dir = ROOT + providerId + "/";
    TreeSet<String> names = new TreeSet<>();
    try {
      Enumeration<URL> indexes = loader.getResources(dir + INDEX);
      while (indexes.hasMoreElements()) {
        names.addAll(readIndex(indexes.nextElement()));
      }
      Enumeration<URL> dirs = loader.getResources(dir);
      while (dirs.hasMoreElements()) {
        names.addAll(listDirectory(dirs.nextElement()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    return List.copyOf(names);
  }

  /** One transcript by name, from the default class loader. */
  public static Golden load(String providerId, String name) {
    return load(providerId, name, defaultLoader());
  }

  /**
   * One transcript by name.
   *
   * @throws IllegalArgumentException when it is missing or broken
   */
  public static Golden load(String providerId, String name, ClassLoader loader) {
    String base = ROOT + providerId + "/" + name;
    byte[] meta = resource(loader, base + ".json");
    if (meta == null) {
      throw new IllegalArgumentException("no golden transcript " + base + ".json on the class path");
    }
    Parsed parsed = parse(base + ".json", meta, providerId);
    String wireName = parsed.wire != null ? ROOT + providerId + "/" + parsed.wire : base + "." + extension(parsed.framing);
    byte[] wire = resource(loader, wireName);
    if (wire == null) {
      throw new IllegalArgumentException("golden transcript " + base + ".json has no wire file " + wireName);
    }
    return parsed.toGolden(name, providerId, wire);
  }

  /**
   * Reads a transcript from the file system: {@code jsonFile} and its wire file beside it. The provider id is the
   * metadata's {@code provider}, else the directory name. Useful for transcripts not yet packaged.
   */
  public static Golden read(Path jsonFile) {
    String fileName = jsonFile.getFileName().toString();
    if (!fileName.endsWith(".json")) {
      throw new IllegalArgumentException("not a transcript .json file: " + jsonFile);
    }
    String name = fileName.substring(0, fileName.length() - ".json".length());
    Path dir = jsonFile.toAbsolutePath().getParent();
    try {
      Parsed parsed = parse(jsonFile.toString(), Files.readAllBytes(jsonFile), null);
      String providerId = parsed.provider != null ? parsed.provider : dir.getFileName().toString();
      Path wire = dir.resolve(parsed.wire != null ? parsed.wire : name + "." + extension(parsed.framing));
      if (!Files.isRegularFile(wire)) {
        throw new IllegalArgumentException("golden transcript " + jsonFile + " has no wire file " + wire);
      }
      return parsed.toGolden(name, providerId, Files.readAllBytes(wire));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + jsonFile, e);
    }
  }

  /** The wire-file extension for a framing: sse, ndjson, bin or jsonarray. */
  public static String extension(Framing framing) {
    return switch (framing) {
      case SSE -> "sse";
      case NDJSON -> "ndjson";
      case AWS_EVENT_STREAM -> "bin";
      case JSON_ARRAY -> "jsonarray";
    };
  }

  private static ClassLoader defaultLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : GoldenTranscripts.class.getClassLoader();
  }

  private static byte[] resource(ClassLoader loader, String name) {
    URL url = loader.getResource(name);
    if (url == null) {
      return null;
    }
    try {
      URLConnection c = url.openConnection();
      c.setUseCaches(false);
      try (InputStream in = c.getInputStream()) {
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + url, e);
    }
  }

  private static List<String> readIndex(URL url) throws IOException {
    List<String> names = new ArrayList<>();
    URLConnection c = url.openConnection();
    c.setUseCaches(false);
    try (BufferedReader r = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        int hash = line.indexOf('#');
        String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
        if (name.endsWith(".json")) {
          name = name.substring(0, name.length() - ".json".length());
        }
        if (!name.isEmpty()) {
          names.add(name);
        }
      }
    }
    return names;
  }

  private static List<String> listDirectory(URL url) throws IOException {
    List<String> names = new ArrayList<>();
    if (url.getProtocol().equals("file")) {
      Path dir;
      try {
        dir = Path.of(url.toURI());
      } catch (URISyntaxException | IllegalArgumentException e) {
        return names;
      }
      if (Files.isDirectory(dir)) {
        try (Stream<Path> files = Files.list(dir)) {
          files.map(p -> p.getFileName().toString()).filter(GoldenTranscripts::isMetadata)
              .forEach(f -> names.add(f.substring(0, f.length() - ".json".length())));
        }
      }
    } else if (url.getProtocol().equals("jar")) {
      URLConnection c = url.openConnection();
      if (c instanceof JarURLConnection jar) {
        jar.setUseCaches(false);
        String prefix = jar.getEntryName() == null ? "" : jar.getEntryName();
        if (!prefix.endsWith("/")) {
          prefix += "/";
        }
        try (JarFile file = jar.getJarFile()) {
          Enumeration<JarEntry> entries = file.entries();
          while (entries.hasMoreElements()) {
            String entry = entries.nextElement().getName();
            if (entry.startsWith(prefix) && entry.indexOf('/', prefix.length()) < 0) {
              String f = entry.substring(prefix.length());
              if (isMetadata(f)) {
                names.add(f.substring(0, f.length() - ".json".length()));
              }
            }
          }
        }
      }
    }
    return names;
  }

  private static boolean isMetadata(String fileName) {
    return fileName.endsWith(".json") && fileName.length() > ".json".length();
  }

  // ---- parsing

  private static final class Parsed {
    String provider;
    String model;
    Framing framing;
    String description;
    String source;
    String prompt;
    String wire;
    Expectation expect;

    Golden toGolden(String name, String providerId, byte[] wireBytes) {
      return new Golden(name, providerId, model, framing, description, wireBytes, expect, source, prompt);
    }
  }

  private static Parsed parse(String where, byte[] json, String providerId) {
    Parsed g = new Parsed();
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), json)) {
      require(p.nextToken() == JsonToken.START_OBJECT, "the document must be a JSON object");
      String field;
      while ((field = p.nextName()) != null) {
        JsonToken t = p.nextToken();
        switch (field) {
          case "provider" -> g.provider = string(p, t, field);
          case "model" -> g.model = string(p, t, field);
          case "framing" -> {
            String f = string(p, t, field);
            require(f != null, "framing is required");
            try {
              g.framing = Framing.valueOf(f.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException("unknown framing " + f);
            }
          }
          case "description" -> g.description = string(p, t, field);
          case "source" -> g.source = string(p, t, field);
          case "wire" -> g.wire = string(p, t, field);
          case "request" -> {
            if (t == JsonToken.START_OBJECT) {
              String rf;
              while ((rf = p.nextName()) != null) {
                JsonToken rt = p.nextToken();
                if (rf.equals("prompt")) {
                  g.prompt = string(p, rt, "request.prompt");
                } else {
                  p.skipChildren();
                }
              }
            } else {
              p.skipChildren();
            }
          }
          case "expect" -> {
            require(t == JsonToken.START_OBJECT, "expect must be an object");
            g.expect = expectation(p);
          }
          default -> p.skipChildren();
        }
      }
      require(g.framing != null, "framing is required");
      require(g.expect != null, "expect is required");
      require(providerId == null || g.provider == null || g.provider.equals(providerId),
          "provider \"" + g.provider + "\" does not match its directory \"" + providerId + "\"");
      return g;
    } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("bad golden transcript " + where + ": " + e.getMessage(), e);
    }
  }

  private static Expectation expectation(JsonParser p) {
    String text = null;
    String reasoning = null;
    String refusal = null;
    List<ToolCall> calls = List.of();
    FinishReason finish = null;
    Usage usage = null;
    ErrorKind errorKind = null;
    String errorCode = null;
    List<ReasoningBlock> blocks = null;
    String field;
    while ((field = p.nextName()) != null) {
      JsonToken t = p.nextToken();
      switch (field) {
        case "text" -> text = string(p, t, "expect.text");
        case "reasoningBlocks" -> blocks = reasoningBlocks(p, t);
        case "reasoning" -> reasoning = string(p, t, "expect.reasoning");
        case "refusal" -> refusal = string(p, t, "expect.refusal");
        case "toolCalls" -> calls = toolCalls(p, t);
        case "finishReason" -> finish = finishReason(p, t);
        case "usage" -> usage = usage(p, t);
        case "error" -> {
          if (t != JsonToken.VALUE_NULL) {
            require(t == JsonToken.START_OBJECT, "expect.error must be an object or null");
            String ef;
            while ((ef = p.nextName()) != null) {
              JsonToken et = p.nextToken();
              switch (ef) {
                case "kind" -> {
                  String k = string(p, et, "expect.error.kind");
                  require(k != null, "expect.error.kind is required");
                  errorKind = ErrorKind.valueOf(k.trim());
                }
                case "code" -> errorCode = string(p, et, "expect.error.code");
                case "message" -> p.skipChildren();
                default -> throw new IllegalArgumentException("unknown member expect.error." + ef);
              }
            }
            require(errorKind != null, "expect.error.kind is required");
          }
        }
        default -> throw new IllegalArgumentException("unknown member expect." + field);
      }
    }
    return new Expectation(text, reasoning, refusal, calls, finish, usage, errorKind, errorCode, blocks);
  }

  private static List<ReasoningBlock> reasoningBlocks(JsonParser p, JsonToken t) {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    require(t == JsonToken.START_ARRAY, "expect.reasoningBlocks must be an array or null");
    List<ReasoningBlock> blocks = new ArrayList<>();
    while (p.nextToken() == JsonToken.START_OBJECT) {
      String text = null;
      String signature = null;
      boolean redacted = false;
      String data = null;
      String f;
      while ((f = p.nextName()) != null) {
        JsonToken ft = p.nextToken();
        switch (f) {
          case "text" -> text = string(p, ft, "reasoningBlocks.text");
          case "signature" -> signature = string(p, ft, "reasoningBlocks.signature");
          case "redacted" -> {
            require(ft == JsonToken.VALUE_TRUE || ft == JsonToken.VALUE_FALSE,
                "expect.reasoningBlocks[].redacted must be a boolean");
            redacted = ft == JsonToken.VALUE_TRUE;
          }
          case "data" -> data = string(p, ft, "reasoningBlocks.data");
          default -> throw new IllegalArgumentException("unknown member expect.reasoningBlocks[]." + f);
        }
      }
      blocks.add(new ReasoningBlock(text, signature, redacted, data));
    }
    return blocks;
  }

  private static List<ToolCall> toolCalls(JsonParser p, JsonToken t) {
    if (t == JsonToken.VALUE_NULL) {
      return List.of();
    }
    require(t == JsonToken.START_ARRAY, "expect.toolCalls must be an array");
    List<ToolCall> calls = new ArrayList<>();
    while (p.nextToken() == JsonToken.START_OBJECT) {
      String id = null;
      String name = null;
      String arguments = null;
      String signature = null;
      String f;
      while ((f = p.nextName()) != null) {
        JsonToken ft = p.nextToken();
        switch (f) {
          case "id" -> id = string(p, ft, "toolCalls.id");
          case "name" -> name = string(p, ft, "toolCalls.name");
          case "arguments" -> arguments = string(p, ft, "toolCalls.arguments (a JSON text in a string)");
          case "signature" -> signature = string(p, ft, "toolCalls.signature");
          default -> throw new IllegalArgumentException("unknown member expect.toolCalls[]." + f);
        }
      }
      require(name != null, "expect.toolCalls[" + calls.size() + "].name is required");
      calls.add(new ToolCall(id, name, arguments, signature));
    }
    return calls;
  }

  private static FinishReason finishReason(JsonParser p, JsonToken t) {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    require(t == JsonToken.START_OBJECT, "expect.finishReason must be an object or null");
    String kind = null;
    String raw = null;
    String f;
    while ((f = p.nextName()) != null) {
      JsonToken ft = p.nextToken();
      switch (f) {
        case "kind" -> kind = string(p, ft, "finishReason.kind");
        case "raw" -> raw = string(p, ft, "finishReason.raw");
        default -> throw new IllegalArgumentException("unknown member expect.finishReason." + f);
      }
    }
    require(kind != null && raw != null, "expect.finishReason needs kind and raw");
    return FinishReason.of(FinishReason.Kind.valueOf(kind.trim()), raw);
  }

  private static Usage usage(JsonParser p, JsonToken t) {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    require(t == JsonToken.START_OBJECT, "expect.usage must be an object or null");
    Long[] v = new Long[6];
    String f;
    while ((f = p.nextName()) != null) {
      JsonToken ft = p.nextToken();
      int i = switch (f) {
        case "inputTokens" -> 0;
        case "outputTokens" -> 1;
        case "totalTokens" -> 2;
        case "reasoningTokens" -> 3;
        case "cachedInputTokens" -> 4;
        case "cacheWriteTokens" -> 5;
        default -> throw new IllegalArgumentException("unknown member expect.usage." + f);
      };
      if (ft == JsonToken.VALUE_NUMBER_INT) {
        v[i] = p.getLongValue();
      } else {
        require(ft == JsonToken.VALUE_NULL, "expect.usage." + f + " must be an integer or null");
      }
    }
    return new Usage(v[0], v[1], v[2], v[3], v[4], v[5]);
  }

  private static String string(JsonParser p, JsonToken t, String what) {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    require(t == JsonToken.VALUE_STRING, what + " must be a string");
    return p.getString();
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
