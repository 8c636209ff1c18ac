package dev.rill.provider.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

class JsonFieldsTest {

  private static final JsonFactory JSON = new JsonFactory();

  /** Reads every member of a flat object with {@code reader}, returning what it gave, in order. */
  private static List<Object> read(String json, Reader reader) {
    List<Object> out = new ArrayList<>();
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), json)) {
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      String name;
      while ((name = p.nextName()) != null) {
        out.add(reader.read(p, p.nextToken(), name));
      }
      assertThat(p.currentToken()).isEqualTo(JsonToken.END_OBJECT);
      assertThat(p.nextToken()).isNull();
    }
    return out;
  }

  interface Reader {
    Object read(JsonParser p, JsonToken t, String name);
  }

  @Test
  void valuesOfTheWrongTypeAreSkippedAndReadAsAbsent() {
    String json = "{\"a\":\"text\",\"b\":{\"x\":[1,{\"y\":2}]},\"c\":[\"s\"],\"d\":12,\"e\":null,\"f\":true}";
    assertThat(read(json, (p, t, n) -> JsonFields.string(p, t)))
        .containsExactly("text", null, null, null, null, null);
    assertThat(read(json, (p, t, n) -> JsonFields.scalar(p, t)))
        .containsExactly("text", null, null, "12", null, "true");
    assertThat(read(json, (p, t, n) -> JsonFields.count(p, t, n))).containsExactly(null, null, null, 12L, null, null);
    assertThat(read(json, (p, t, n) -> JsonFields.index(p, t, n))).containsExactly(-1, -1, -1, 12, -1, -1);
  }

  @Test
  void isObjectSkipsAnythingElse() {
    assertThat(read("{\"a\":[1,[2]],\"b\":{}}", (p, t, n) -> {
      boolean object = JsonFields.isObject(p, t);
      if (object) {
        p.skipChildren();
      }
      return object;
    })).containsExactly(false, true);
  }

  @Test
  void negativeCountsAndOutOfRangeIndexesAreBadShapes() {
    assertThatThrownBy(() -> read("{\"n\":-1}", (p, t, n) -> JsonFields.count(p, t, "usage." + n)))
        .isInstanceOf(JsonFields.BadShape.class).hasMessage("usage.n is negative: -1");
    assertThatThrownBy(() -> read("{\"i\":4294967296}", (p, t, n) -> JsonFields.index(p, t, n)))
        .isInstanceOf(JsonFields.BadShape.class).hasMessage("i out of range: 4294967296");
    assertThat(new JsonFields.BadShape("x").getStackTrace()).isEmpty();
  }
}
