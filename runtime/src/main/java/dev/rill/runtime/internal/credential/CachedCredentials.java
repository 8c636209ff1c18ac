package dev.rill.runtime.internal.credential;

import dev.rill.api.Credential;
import dev.rill.api.CredentialSource;
import dev.rill.api.ErrorKind;
import dev.rill.api.RillException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One {@link CredentialSource} behind a cache, shared by every provider the client gives the source to: the
 * credential is kept until it expires and fetched again ahead of that (a fixed lead, at most half its lifetime),
 * one fetch in flight at a time for every request that needs it. A request while the held credential is still valid gets it at once and, past the refresh point, starts the refresh in
 * the background; a request with nothing valid held waits for the fetch. A credential is never handed out at or past
 * its expiry. A failed or timed-out fetch fails the requests waiting for it with {@link ErrorKind#AUTHENTICATION}
 * naming the source; a failed background refresh is logged and tried again by the next request.
 *
 * <p>The source's {@code fetch()} runs on the fetch executor, never on the caller's thread (which may be an I/O
 * thread), so a blocking source cannot stall streams.
 */
public final class CachedCredentials {
  private static final System.Logger LOG = System.getLogger(CachedCredentials.class.getName());

  private final CredentialSource source;
  private final Executor fetchExecutor;
  private final ScheduledExecutorService timer;
  private final Clock clock;
  private final Duration refreshAhead;
  private final Duration fetchTimeout;

  private Credential current; // guarded by this
  private Instant refreshAt; // guarded by this; null: never
  private CompletableFuture<Credential> inFlight; // guarded by this

  public CachedCredentials(CredentialSource source, Executor fetchExecutor, ScheduledExecutorService timer,
      Clock clock, Duration refreshAhead, Duration fetchTimeout) {
    this.source = Objects.requireNonNull(source, "source");
    this.fetchExecutor = fetchExecutor;
    this.timer = timer;
    this.clock = clock;
    this.refreshAhead = refreshAhead;
    this.fetchTimeout = fetchTimeout;
  }

  /** The source's name. */
  public String name() {
    return source.name();
  }

  /**
   * A valid credential: completed at once when one is held, otherwise when the one fetch in flight ends (failed with
   * an {@link ErrorKind#AUTHENTICATION} {@link RillException} when it fails).
   */
  public CompletableFuture<Credential> get() {
    Instant now = clock.instant();
    Credential held;
    CompletableFuture<Credential> fetch = null;
    CompletableFuture<Credential> waitFor = null;
    synchronized (this) {
      held = current != null && valid(current, now) ? current : null;
      if (held == null) {
        current = null;
        if (inFlight == null) {
          fetch = inFlight = new CompletableFuture<>();
        }
        waitFor = inFlight;
      } else if (refreshAt != null && !now.isBefore(refreshAt) && inFlight == null) {
        fetch = inFlight = new CompletableFuture<>(); // refresh ahead; this request keeps the valid one
      }
    }
    if (fetch != null) {
      launch(fetch);
    }
    return held != null ? CompletableFuture.completedFuture(held) : waitFor;
  }

  private void launch(CompletableFuture<Credential> fetch) {
    java.util.concurrent.Future<?> deadline = timer.schedule(() -> settle(fetch, null,
        new java.util.concurrent.TimeoutException("no answer within " + fetchTimeout.toMillis() + " ms")),
        fetchTimeout.toNanos(), TimeUnit.NANOSECONDS);
    fetch.whenComplete((c, e) -> deadline.cancel(false));
    try {
      fetchExecutor.execute(() -> {
        try {
          CompletionStage<Credential> stage = source.fetch();
          if (stage == null) {
            settle(fetch, null, new NullPointerException("fetch() returned null"));
          } else {
            stage.whenComplete((c, e) -> settle(fetch, c, e));
          }
        } catch (Throwable t) {
          settle(fetch, null, t);
        }
      });
    } catch (RuntimeException e) {
      settle(fetch, null, e); // the client is closing
    }
  }

  private void settle(CompletableFuture<Credential> fetch, Credential credential, Throwable error) {
    Instant now = clock.instant();
    if (error == null && credential == null) {
      error = new NullPointerException("the source answered no credential");
    }
    if (error == null && !valid(credential, now)) {
      error = new IllegalStateException("the credential it answered expired at " + credential.expiresAt().get());
    }
    boolean stillHeld;
    synchronized (this) {
      if (inFlight != fetch) {
        return; // already settled (a timeout, then the late answer)
      }
      inFlight = null;
      if (error == null) {
        current = credential;
        refreshAt = refreshPoint(credential, now);
      }
      stillHeld = current != null && valid(current, now);
    }
    if (error == null) {
      fetch.complete(credential);
      return;
    }
    RillException failure = failure(error);
    if (stillHeld) {
      LOG.log(System.Logger.Level.WARNING, failure.getMessage() + "; the held credential stays in use until it expires");
    }
    fetch.completeExceptionally(failure);
  }

  private Instant refreshPoint(Credential c, Instant fetchedAt) {
    Instant expiry = c.expiresAt().orElse(null);
    if (expiry == null) {
      return null;
    }
    Duration lifetime = Duration.between(fetchedAt, expiry);
    Duration lead = refreshAhead.compareTo(lifetime.dividedBy(2)) < 0 ? refreshAhead : lifetime.dividedBy(2);
    return expiry.minus(lead);
  }

  private static boolean valid(Credential c, Instant now) {
    return c.expiresAt().map(now::isBefore).orElse(true);
  }

  private RillException failure(Throwable error) {
    Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
        ? error.getCause() : error;
    return RillException.builder(ErrorKind.AUTHENTICATION)
        .message("the credential source '" + source.name() + "' failed: "
            + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()))
        .cause(cause).build();
  }

  @Override
  public String toString() {
    return "CachedCredentials[" + source.name() + "]";
  }
}
