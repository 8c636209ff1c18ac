package dev.rill.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link ServerMain} child process on this JVM's class path; {@link #close()} ends it. */
public final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final java.util.Map<String, Integer> ports;

  private ServerProcess(Process process, java.util.Map<String, Integer> ports) {
    this.process = process;
    this.ports = ports;
  }

  /** Starts the plain-http server and waits for its ports. */
  public static ServerProcess start() {
    return start(null);
  }

  /**
   * Starts the server and waits for its ports; with {@code keyStore} (made by {@code TestCertificate}) it also
   * serves over TLS with HTTP/1.1 ({@code tls-*}) and with HTTP/2 ({@code h2-*}).
   */
  public static ServerProcess start(Path keyStore) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ServerMain.class.getName());
    if (keyStore != null) {
      cmd.add(keyStore.toString());
    }
    try {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      if (line == null || !line.startsWith(ServerMain.READY)) {
        p.destroyForcibly();
        throw new IllegalStateException("the server process did not start: " + line);
      }
      java.util.Map<String, Integer> ports = new java.util.HashMap<>();
      String[] parts = line.split(" ");
      for (int i = 1; i < parts.length; i++) {
        ports.put(parts[i].substring(0, parts[i].indexOf('=')), port(parts[i]));
      }
      return new ServerProcess(p, ports);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the server process", e);
    }
  }

  private static int port(String kv) {
    return Integer.parseInt(kv.substring(kv.indexOf('=') + 1));
  }

  /**
   * The base URL of the server for {@code mode}: burst, trickle, short, coalesced or bigchunks
   * ({@code http://127.0.0.1:P/v1/}), or tls-burst, tls-trickle, tls-short, h2-burst, h2-trickle, h2-short
   * ({@code https://localhost:P/v1/}, when started with a key store).
   */
  public URI base(String mode) {
    Integer port = ports.get(mode);
    if (port == null) {
      throw new IllegalArgumentException(mode + " (this server has " + ports.keySet() + ")");
    }
    return URI.create((mode.startsWith("tls-") || mode.startsWith("h2-") ? "https://localhost:" : "http://127.0.0.1:")
        + port + "/v1/");
  }

  /** The server's process id (to profile it apart). */
  public long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
