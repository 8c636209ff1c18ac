package dev.rill.conformance.internal;

import dev.rill.conformance.rules.RuleId;
import dev.rill.runtime.HttpVersionPolicy;
import dev.rill.testkit.server.H2WireServer;
import dev.rill.testkit.server.ScriptedServer;
import dev.rill.testkit.server.WireServer;

/**
 * The HTTP version a stateful rule runs over, and the catalogue section that holds its rules: the lifecycle rules
 * run once over HTTP/1.1 (section L4, testkit's {@link WireServer}) and once over HTTP/2 (section L6, testkit's
 * {@link H2WireServer}, h2c with prior knowledge), with the same numbers: L6.4 is L4.4 over HTTP/2.
 */
public enum Transport {
  /** HTTP/1.1 on plain loopback: one stream per connection. */
  HTTP_1_1(4, "HTTP/1.1"),
  /** HTTP/2 with prior knowledge (h2c) on plain loopback: streams multiplexed on connections. */
  HTTP_2(6, "HTTP/2");

  private final int section;
  private final String label;

  Transport(int section, String label) {
    this.section = section;
    this.label = label;
  }

  /** The rule {@code L<section>.<number>} of this transport, e.g. {@code rule(4)} is L4.4 or L6.4. */
  public RuleId rule(int number) {
    return new RuleId('L', section, number);
  }

  /** A new loopback server speaking this version. */
  ScriptedServer startServer() {
    return this == HTTP_2 ? H2WireServer.startH2c() : WireServer.start();
  }

  /** The client's version policy: forced HTTP/2, or the default (which speaks HTTP/1.1 on plain http). */
  HttpVersionPolicy policy() {
    return this == HTTP_2 ? HttpVersionPolicy.FORCE_HTTP_2 : HttpVersionPolicy.NEGOTIATE; // plain http: HTTP/1.1
  }

  @Override
  public String toString() {
    return label;
  }
}
