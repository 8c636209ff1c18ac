package dev.rill.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version {@code rill --version} prints: the project version recorded in the jar at build time. */
final class CliVersion implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {
        "rill " + version(),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
    };
  }

  /** The project version, from the jar's manifest or the filtered {@code version.properties}; "unknown" if neither. */
  static String version() {
    String fromManifest = CliVersion.class.getPackage().getImplementationVersion();
    if (fromManifest != null) {
      return fromManifest;
    }
    try (InputStream in = CliVersion.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version");
        if (v != null && !v.isBlank() && !v.startsWith("${")) {
          return v.strip();
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return "unknown";
  }
}
