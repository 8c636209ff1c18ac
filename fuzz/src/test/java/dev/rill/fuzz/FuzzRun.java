package dev.rill.fuzz;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The child JVM of {@link FuzzCampaignTest}: runs one {@code @FuzzTest} method through the JUnit Platform in
 * Jazzer's fuzzing mode (libFuzzer allows one fuzz target per process). Jazzer's options arrive as system properties
 * ({@code JAZZER_FUZZ}, {@code jazzer.instrument}, {@code jazzer.internal.arg.N}), which JUnit passes on as
 * configuration parameters. Exit status 0 when the target ran and found nothing.
 *
 * <p>Arguments: the test class and the method name.
 */
public final class FuzzRun {
  private FuzzRun() {}

  public static void main(String[] args) {
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectMethod(args[0], args[1], "byte[]"))
        .build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(request, listener);
    TestExecutionSummary summary = listener.getSummary();
    summary.printFailuresTo(new java.io.PrintWriter(System.out, true), 40);
    System.out.println("FUZZRUN tests=" + summary.getTestsSucceededCount() + "/" + summary.getTestsFoundCount()
        + " failed=" + summary.getTotalFailureCount());
    System.out.flush();
    System.exit(summary.getTotalFailureCount() == 0 && summary.getTestsSucceededCount() > 0 ? 0 : 1);
  }
}
