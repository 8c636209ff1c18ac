package dev.rill.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The targets restated per wire (plain, TLS, HTTP/2), as in docs/benchmarks.md "The targets, restated": trickle CPU
 * per event at most 1/3 of the best peer's and at most 1.2x the hand-written floor's, burst at most 1.5x the
 * coalescing floor's, bytes per event at most 1/10 of the best peer's; the retired burst-vs-peer ratio reported; the
 * open streams (10,000 over HTTP/2, no thread per stream, at most 32 KiB each) and the cold first chunk reported per
 * wire. Each row of the report model's {@code targetsByTransport} names its wire.
 */
final class WireTargets {
  private WireTargets() {}

  static List<Object> of(Map<String, Object> m, List<String> wires) {
    List<Object> out = new ArrayList<>();
    for (String wire : wires) {
      List<Map<String, Object>> rows = Report.list(m, "byTransport").stream()
          .filter(r -> wire.equals(r.get("transport"))).toList();
      Map<String, Object> rill = client(rows, "rill");
      double trickle = Report.num(rill, "trickleCpuNsPerEvent");
      Map.Entry<String, Double> peer = Report.bestPeer(rows, "trickleCpuNsPerEvent");
      add(out, wire, "trickle: Rill CPU/event <= 1/3 of the best peer", peer == null ? "no peer result on this wire"
          : versus(trickle, peer.getKey(), peer.getValue(), "ns"), peer == null ? null : trickle / peer.getValue() <= 1.0 / 3);
      double floor = Report.num(client(rows, "floor"), "trickleCpuNsPerEvent");
      add(out, wire, "trickle: Rill CPU/event <= 1.2x the hand-written floor", versus(trickle, "floor", floor, "ns"),
          Double.isNaN(trickle / floor) ? null : trickle / floor <= 1.2);
      double burst = Report.num(rill, "burstCpuNsPerEvent");
      double coalesced = Report.num(client(rows, "floor-coalesced"), "burstCpuNsPerEvent");
      add(out, wire, "burst: Rill CPU/event <= 1.5x the coalescing floor", versus(burst, "floor-coalesced", coalesced,
          "ns"), Double.isNaN(burst / coalesced) ? null : burst / coalesced <= 1.5);
      double bytes = Report.num(rill, "burstBytesPerEvent");
      Map.Entry<String, Double> peerBytes = Report.bestPeer(rows, "burstBytesPerEvent");
      double trickleBytes = Report.num(rill, "trickleBytesPerEvent");
      Map.Entry<String, Double> peerTrickleBytes = Report.bestPeer(rows, "trickleBytesPerEvent");
      add(out, wire, "bytes allocated/event <= 1/10 of the best peer (burst; trickle reported)", peerBytes == null
              ? "no peer result on this wire" : versus(bytes, peerBytes.getKey(), peerBytes.getValue(), "B")
              + (peerTrickleBytes == null ? "" : "; trickle " + versus(trickleBytes, peerTrickleBytes.getKey(),
                  peerTrickleBytes.getValue(), "B")),
          peerBytes == null || Double.isNaN(bytes) ? null : bytes / peerBytes.getValue() <= 0.1);
      Map.Entry<String, Double> peerBurst = Report.bestPeer(rows, "burstCpuNsPerEvent");
      add(out, wire, "burst: Rill CPU/event <= 1/3 of the best peer (reported; retired as a target)",
          peerBurst == null ? "no peer result on this wire" : versus(burst, peerBurst.getKey(), peerBurst.getValue(),
              "ns"), null);
      add(out, wire, "cold first chunk in a fresh JVM (reported; plain: <= 150 ms)",
          Report.fmt(Report.num(rill, "coldFirstChunkMs")) + " ms from main(), warm "
              + Report.fmt(Report.num(rill, "warmFirstChunkUs")) + " us", null);
      out.add(openStreams(m, wire));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> openStreams(Map<String, Object> m, String wire) {
    Map<String, Object> c = ((Map<String, Map<String, Object>>) m.getOrDefault("concurrencyByTransport", Map.of()))
        .get(wire);
    String name = switch (wire) {
      case "h2" -> "10,000 concurrent TLS streams to one host over HTTP/2, no thread per stream, <= 32 KiB heap each";
      case "tls" -> "open streams over HTTP/1.1 with TLS, a connection each (reported, for comparison)";
      default -> "10,000 concurrent open streams, no thread per stream, <= 32 KiB heap each";
    };
    if (c == null || c.isEmpty()) {
      return row(wire, name, "not measured (failed)", null);
    }
    double streams = Report.num(c, "streams");
    double delivered = Report.num(c, "delivered");
    double gained = Report.num(c, "threadsAfter") - Report.num(c, "threadsBefore");
    double kib = Report.num(c, "heapPerStreamKiB");
    String measured = Report.count(delivered) + " of " + Report.count(streams) + " streams delivered their first chunk, "
        + Report.count(gained) + " threads gained, " + Report.fmt(kib) + " KiB heap per idle stream, "
        + Report.count(Report.num(c, "connections")) + " connections";
    if (wire.equals("tls")) {
      return row(wire, name, measured, null);
    }
    boolean fits = delivered == streams && gained < Math.max(16, streams / 100) && kib <= 32;
    return row(wire, name, measured + (streams < 10_000 ? " (fewer than 10,000: --quick or the open-file limit)" : ""),
        fits && streams >= 10_000 ? Boolean.TRUE : fits ? null : Boolean.FALSE);
  }

  private static Map<String, Object> client(List<Map<String, Object>> rows, String name) {
    return rows.stream().filter(r -> name.equals(r.get("client"))).findFirst().orElse(null);
  }

  private static String versus(double rill, String other, double value, String unit) {
    return Report.fmt(rill) + " vs " + other + " " + Report.fmt(value) + " " + unit + ": ratio "
        + Report.ratio(rill / value);
  }

  private static void add(List<Object> out, String wire, String name, String measured, Boolean met) {
    out.add(row(wire, name, measured, met));
  }

  private static Map<String, Object> row(String wire, String name, String measured, Boolean met) {
    Map<String, Object> r = Report.target(name, measured, met);
    Map<String, Object> withWire = Report.row("transport", wire);
    withWire.putAll(r);
    return withWire;
  }
}
