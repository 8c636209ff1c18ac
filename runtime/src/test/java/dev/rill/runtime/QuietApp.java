package dev.rill.runtime;

import dev.rill.api.ChatRequest;

/**
 * A plain application for {@link QuietStartTest}, run in a child JVM: one call over loopback (the server's base URL
 * is the first argument), its text on stdout, then the SLF4J provider in use and the {@code slf4j.provider}
 * property.
 */
public final class QuietApp {
  private QuietApp() {}

  public static void main(String[] args) {
    try (Rill rill = Rill.builder().discover(false).register(new LineProvider()).baseUrl("line", args[0])
        .apiKey("line", "k1").build()) {
      System.out.println(rill.call(ChatRequest.builder("line:m").user("hi").build()).text());
    }
    System.out.println("factory " + org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName());
    System.out.println("property " + System.getProperty("slf4j.provider"));
  }
}
