package dev.rill.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolCallAssemblerTest {

  static List<ToolCallAssembler.Completed> feed(ToolCallAssembler a, List<ToolCallDelta> deltas, List<String> log) {
    List<ToolCallAssembler.Completed> all = new ArrayList<>();
    for (ToolCallDelta d : deltas) {
      for (ToolCallAssembler.Completed c : a.accept(d)) {
        log.add("complete " + c.index());
        all.add(c);
      }
      log.add("delta " + d.index());
    }
    for (ToolCallAssembler.Completed c : a.finish()) {
      log.add("complete " + c.index());
      all.add(c);
    }
    return all;
  }

  @Test
  void eachCallIsCompleteWhenTheNextStartsAndTheLastAtTheFinish() {
    List<ToolCallDelta> deltas = List.of(ToolCallDelta.start(0, "call_a", "get_weather"),
        ToolCallDelta.arguments(0, "{\"city\":"), ToolCallDelta.arguments(0, "\"Paris\"}"),
        ToolCallDelta.start(1, "call_b", "get_time"), ToolCallDelta.arguments(1, "{}"));
    List<String> log = new ArrayList<>();
    List<ToolCallAssembler.Completed> done = feed(new ToolCallAssembler(), deltas, log);
    assertThat(log).containsExactly("delta 0", "delta 0", "delta 0", "complete 0", "delta 1", "delta 1", "complete 1");
    assertThat(done).extracting(ToolCallAssembler.Completed::call).containsExactly(
        ToolCall.of("call_a", "get_weather", "{\"city\":\"Paris\"}"), ToolCall.of("call_b", "get_time", "{}"));
    ChatAccumulator acc = new ChatAccumulator("p", "m");
    deltas.forEach(d -> acc.add(StreamChunk.builder().toolCalls(List.of(d)).build()));
    assertThat(acc.response().toolCalls()).isEqualTo(done.stream().map(ToolCallAssembler.Completed::call).toList());
  }

  @Test
  void wireOrderNotIndexOrder() {
    List<ToolCallDelta> deltas = List.of(ToolCallDelta.of(3, "c3", "later_index", "{}"),
        ToolCallDelta.of(1, "c1", "earlier_index", "{}"));
    List<ToolCallAssembler.Completed> done = feed(new ToolCallAssembler(), deltas, new ArrayList<>());
    assertThat(done).extracting(ToolCallAssembler.Completed::index).containsExactly(3, 1);
    ChatAccumulator acc = new ChatAccumulator("p", "m");
    deltas.forEach(d -> acc.add(StreamChunk.builder().toolCalls(List.of(d)).build()));
    assertThat(acc.response().toolCalls()).extracting(ToolCall::name).containsExactly("later_index", "earlier_index");
  }

  @Test
  void aCallIsToldOnceEvenWhenTheWireInterleaves() {
    ToolCallAssembler a = new ToolCallAssembler();
    List<ToolCallDelta> deltas = List.of(ToolCallDelta.start(0, "a", "f"), ToolCallDelta.start(1, "b", "g"),
        ToolCallDelta.arguments(0, "{\"late\":1}"), ToolCallDelta.arguments(1, "{\"x\":2}"));
    List<ToolCallAssembler.Completed> done = feed(a, deltas, new ArrayList<>());
    assertThat(done).extracting(ToolCallAssembler.Completed::index).containsExactly(0, 1);
    assertThat(done.get(1).call().arguments()).isEqualTo("{\"x\":2}");
    assertThat(a.lateFragments()).isEqualTo(1);
    assertThat(a.finish()).isEmpty();
  }

  @Test
  void aWholeCallInOneFragmentKeepsItsSignature() {
    ToolCallAssembler a = new ToolCallAssembler();
    assertThat(a.accept(new ToolCallDelta(0, "id", "f", "{\"a\":1}", "sig-1"))).isEmpty();
    assertThat(a.current(0).arguments()).isEqualTo("{\"a\":1}");
    assertThat(a.finish()).singleElement().satisfies(c -> assertThat(c.call().signature()).isEqualTo("sig-1"));
  }
}
