package dev.rill.conformance;

import dev.rill.api.StreamingProvider;
import dev.rill.conformance.reference.ReferenceProvider;

/**
 * The Reactive Streams TCK as TestNG runs it (through {@code org.junit.support:testng-engine} on the JUnit
 * Platform), on the reference plugin: proves {@link ChatStreamVerification} works stand-alone, as a plugin author
 * would use it.
 */
public class ReferenceChatStreamVerificationTest extends ChatStreamVerification {
  @Override
  protected StreamingProvider provider() {
    return new ReferenceProvider();
  }
}
