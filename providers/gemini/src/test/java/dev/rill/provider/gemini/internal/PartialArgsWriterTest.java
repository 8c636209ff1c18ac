package dev.rill.provider.gemini.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartialArgsWriterTest {

  private static PartialArgsWriter.PartialArg s(String path, String value, boolean more) {
    return new PartialArgsWriter.PartialArg(path, value, null, more);
  }

  private static PartialArgsWriter.PartialArg j(String path, String json) {
    return new PartialArgsWriter.PartialArg(path, null, json, false);
  }

  private static String write(PartialArgsWriter.PartialArg... args) {
    PartialArgsWriter w = new PartialArgsWriter();
    StringBuilder out = new StringBuilder();
    for (PartialArgsWriter.PartialArg a : args) {
      out.append(w.append(a));
    }
    return out.append(w.finish()).toString();
  }

  @Test
  void nestedObjectsAndArraysOpenAndCloseInDocumentOrder() {
    assertThat(write(s("$.recipe.name", "Lasa", true), s("$.recipe.name", "gna", false),
        s("$.recipe.ingredients[0].name", "Noodles", false), j("$.recipe.ingredients[0].qty", "2"),
        s("$.recipe.ingredients[1].name", "Sauce", false), j("$.serves", "4.5"), j("$.vegan", "false")))
        .isEqualTo("{\"recipe\":{\"name\":\"Lasagna\",\"ingredients\":[{\"name\":\"Noodles\",\"qty\":2},"
            + "{\"name\":\"Sauce\"}]},\"serves\":4.5,\"vegan\":false}");
  }

  @Test
  void stringsAreEscapedAndAnOpenStringIsClosedByTheNextPath() {
    assertThat(write(s("$.a", "line\n\"q\"\u0001", true), j("$.b", "null")))
        .isEqualTo("{\"a\":\"line\\n\\\"q\\\"\\u0001\",\"b\":null}");
  }

  @Test
  void noArgumentsIsAnEmptyObject() {
    assertThat(write()).isEqualTo("{}");
  }

  @Test
  void pathsParseDotsIndexesAndQuotedKeys() {
    assertThat(PartialArgsWriter.parsePath("$.a.b[2]['c d'][\"e\"]")).isEqualTo(List.of("a", "b", 2, "c d", "e"));
    assertThat(PartialArgsWriter.parsePath("$")).isEmpty();
  }
}
