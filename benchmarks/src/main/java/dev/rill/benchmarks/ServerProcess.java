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
  private final int burst;
  private final int trickle;
  private final int shortPort;
  private final int coalesced;
  private final int bigChunks;

  private ServerProcess(Process process, int burst, int trickle, int shortPort, int coalesced, int bigChunks) {
    this.coalesced = coalesced;
    this.bigChunks = bigChunks;
    this.process = process;
    this.burst = burst;
    this.trickle = trickle;
    this.shortPort = shortPort;
  }

  /** Starts the server and waits for its ports. */
  public static ServerProcess start() {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ServerMain.class.getName());
    try {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      if (line == null || !line.startsWith(ServerMain.READY)) {
        p.destroyForcibly();
        throw new IllegalStateException("the server process did not start: " + line);
      }
      String[] parts = line.split(" ");
      return new ServerProcess(p, port(parts[1]), port(parts[2]), port(parts[3]), port(parts[4]), port(parts[5]));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the server process", e);
    }
  }

  private static int port(String kv) {
    return Integer.parseInt(kv.substring(kv.indexOf('=') + 1));
  }

  /** The base URL ({@code http://127.0.0.1:P/v1/}) of the server for {@code mode}: burst, trickle, short, coalesced or bigchunks. */
  public URI base(String mode) {
    int port = switch (mode) {
      case "burst" -> burst;
      case "trickle" -> trickle;
      case "short" -> shortPort;
      case "coalesced" -> coalesced;
      case "bigchunks" -> bigChunks;
      default -> throw new IllegalArgumentException(mode);
    };
    return URI.create("http://127.0.0.1:" + port + "/v1/");
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
