package dev.rill.benchmarks;

import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** The clients the harness knows: Rill and the floors, then the peers found as {@link BenchClient.Factory} services. */
public final class BenchClients {
  /**
   * Rill basic and enhanced, the hand-written floor (also with Rill's read coalescing, the floor Rill stands on),
   * HttpClient 5 with the body discarded, JDK HttpClient with
   * ofLines, and the floor's splitter and parser on {@code java.net.http} (what a second transport would cost).
   */
  public static final List<String> BUILT_IN = List.of("rill", "rill-enhanced", "floor", "floor-coalesced",
      "hc5-discard", "jdk-lines", "jdk-floor");

  private BenchClients() {}

  /** Every client name available in this JVM: the built-ins, then the peers on the class path. */
  public static List<String> names() {
    List<String> all = new ArrayList<>(BUILT_IN);
    all.addAll(peers().keySet());
    return all;
  }

  /** The peers on the class path (empty unless built with {@code -Ppeers}), by name. */
  public static Map<String, BenchClient.Factory> peers() {
    Map<String, BenchClient.Factory> out = new LinkedHashMap<>();
    // A peer compiled in but without its library on the class path (or a stale service entry left by a -Ppeers
    // build) is skipped: the loader's iterator goes on after a failed entry.
    Iterator<BenchClient.Factory> it = ServiceLoader.load(BenchClient.Factory.class).iterator();
    for (int guard = 0; guard < 64; guard++) {
      try {
        if (!it.hasNext()) {
          break;
        }
        BenchClient.Factory f = it.next();
        f.create(URI.create("http://127.0.0.1:9/v1/")).close(); // links the peer's library, or fails here
        out.put(f.name(), f);
      } catch (ServiceConfigurationError | LinkageError e) {
        // not available in this build
      }
    }
    return out;
  }

  /** A new client of kind {@code name} streaming from {@code base}. */
  public static BenchClient create(String name, URI base) {
    return switch (name) {
      case "rill" -> new RillClient(base, false);
      case "rill-enhanced" -> new RillClient(base, true);
      case "rill-conscrypt" -> new RillClient(base, false, TlsProviders.conscrypt());
      case "floor" -> new FloorClient(base, FloorClient.Tuning.DEFAULT, false);
      case "floor-tuned" -> new FloorClient(base, FloorClient.Tuning.fromSystemProperties(), false);
      case "floor-coalesced" -> new FloorClient(base, FloorClient.Tuning.COALESCED, false);
      case "floor-conscrypt" -> new FloorClient(base, FloorClient.Tuning.DEFAULT, false,
          TlsProviders.strategy(TlsProviders.conscrypt()));
      case "floor-tls-dynamic" -> new FloorClient(base, FloorClient.Tuning.DEFAULT, false, TlsProviders.dynamicBuffers());
      case "hc5-discard" -> new FloorClient(base, FloorClient.Tuning.DEFAULT, true);
      case "hc5-discard-coalesced" -> new FloorClient(base, FloorClient.Tuning.COALESCED, true);
      case "hc5-discard-tuned" -> new FloorClient(base, FloorClient.Tuning.fromSystemProperties(), true);
      case "jdk-lines" -> new JdkLinesClient(base);
      case "jdk-floor" -> new JdkFloorClient(base, false);
      case "jdk-floor-direct" -> new JdkFloorClient(base, true);
      default -> {
        BenchClient.Factory f = peers().get(name);
        if (f == null) {
          throw new IllegalArgumentException("no client '" + name + "' here; available: " + names()
              + " (the peers need the benchmarks built with -Ppeers)");
        }
        yield f.create(base);
      }
    };
  }
}
