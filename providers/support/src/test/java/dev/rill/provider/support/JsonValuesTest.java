package dev.rill.provider.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.testkit.property.Gens;
import dev.rill.testkit.property.Property;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

class JsonValuesTest {

  private static final JsonFactory JSON = new JsonFactory();

  private static String json(Consumer<JsonGenerator> body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      body.accept(g);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static Map<String, Object> ordered(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void writesEverySupportedValueType() {
    Map<String, Object> value = ordered("s", "x\"y", "b", true, "n", null, "i", 7, "l", 1L << 40, "sh", (short) 3,
        "by", (byte) 4, "d", 0.25, "f", 1.5f, "bd", new BigDecimal("1.000"), "bi", new BigInteger("123456789012345678901"),
        "list", List.of(1, "two"), "array", new Object[] {false, null}, "map", Map.of(5, "five"));
    assertThat(json(g -> JsonValues.write(g, "option 'v'", value))).isEqualTo("{\"s\":\"x\\\"y\",\"b\":true,"
        + "\"n\":null,\"i\":7,\"l\":1099511627776,\"sh\":3,\"by\":4,\"d\":0.25,\"f\":1.5,\"bd\":1.000,"
        + "\"bi\":123456789012345678901,\"list\":[1,\"two\"],\"array\":[false,null],\"map\":{\"5\":\"five\"}}");
  }

  @Test
  void refusesNonFiniteNumbersOtherTypesAndEndlessNesting() {
    assertThatThrownBy(() -> json(g -> JsonValues.write(g, "option 't'", Double.NaN)))
        .isInstanceOf(JsonValues.InvalidValue.class).hasMessage("option 't' is not a finite number: NaN");
    assertThatThrownBy(() -> json(g -> JsonValues.write(g, "option 'w'", List.of(new Object()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("option 'w' has a value of type java.lang.Object");
    List<Object> cycle = new ArrayList<>();
    cycle.add(cycle);
    assertThatThrownBy(() -> json(g -> JsonValues.write(g, "option 'c'", cycle)))
        .hasMessage("option 'c' nests more than 64 levels deep");
  }

  @Test
  void optionsAreWrittenInOrderExceptTheOnesThePluginOwns() {
    assertThat(json(g -> {
      g.writeStartObject();
      g.writeBooleanProperty("stream", true);
      JsonValues.writeOptions(g, ordered("top_k", 3, "stream", false, "metadata", Map.of("a", "b")), "stream");
      g.writeEndObject();
    })).isEqualTo("{\"stream\":true,\"top_k\":3,\"metadata\":{\"a\":\"b\"}}");
    assertThatThrownBy(() -> json(g -> {
      g.writeStartObject();
      JsonValues.writeOptions(g, ordered("when", new Object()));
    })).hasMessageStartingWith("option 'when' has a value of type");
  }

  @Test
  void jsonTextsAreValidatedThenCopiedCompact() {
    assertThat(json(g -> JsonValues.copyJson(g, " { \"a\" : [1, 2] } ", "the schema", true)))
        .isEqualTo("{\"a\":[1,2]}");
    assertThat(json(g -> JsonValues.copyJson(g, "[1]", "x", false))).isEqualTo("[1]");
    assertThatThrownBy(() -> JsonValues.validate("[1]", "the arguments of tool call 'c1'", true))
        .hasMessage("the arguments of tool call 'c1' is not a JSON object");
    assertThatThrownBy(() -> JsonValues.validate("{} {}", "s", true)).hasMessage("s has text after its JSON value");
    assertThatThrownBy(() -> JsonValues.validate("{\"a\":", "s", true)).hasMessageStartingWith("s is not valid JSON: ");
    assertThatThrownBy(() -> JsonValues.validate("", "s", false)).hasMessageContaining("empty");
    // a bad text writes nothing
    assertThat(json(g -> {
      g.writeStartArray();
      try {
        JsonValues.copyJson(g, "{\"a\":1} x", "s", true);
      } catch (JsonValues.InvalidValue expected) {
        g.writeString("refused");
      }
      g.writeEndArray();
    })).isEqualTo("[\"refused\"]");
  }

  @Test
  void mergeDeepMergesMapsAndReplacesEverythingElse() {
    Map<String, Object> body = ordered("contents", List.of("c"), "generationConfig", ordered("temperature", 0.2),
        "tools", List.of("t"));
    JsonValues.merge(body, ordered("generationConfig", Map.of("topK", 40), "tools", "none", "extra", 1));
    assertThat(body).containsExactly(Map.entry("contents", List.of("c")),
        Map.entry("generationConfig", ordered("temperature", 0.2, "topK", 40)), Map.entry("tools", "none"),
        Map.entry("extra", 1));
  }

  @Test
  void anyStringRoundTripsAsAJsonString() {
    Property.forAll(Gens.strings()).tries(200).examples(Gens.EDGE_STRINGS).check(s -> {
      String written = json(g -> JsonValues.write(g, "option 's'", s));
      assertThat(json(g -> JsonValues.copyJson(g, written, "s", false))).isEqualTo(written);
    });
  }
}
