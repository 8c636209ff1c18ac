package dev.rill.runtime.internal.credential;

import dev.rill.api.Credential;
import dev.rill.api.CredentialSource;
import dev.rill.api.ErrorKind;
import dev.rill.api.Redaction;
import dev.rill.api.RillException;
import dev.rill.api.Secret;
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
 * one fetch in flight at a time for every request that needs it. A request while the held credential is still valid
 * gets it at once and, past the refresh point, starts the refresh in the background; a request with nothing valid
 * held waits for the fetch. A credential is never handed out at or past its expiry, and one the provider rejected
 * ({@link #rejected}) is dropped, so the next request fetches anew (the only way a credential without an expiry is
 * ever fetched again). A failed or timed-out fetch fails the requests waiting for it with
 * {@link ErrorKind#AUTHENTICATION} naming the source, its texts redacted of every credential the source answered
 * before and every key the client knows; a failed background refresh is logged and tried again by the next request.
 *
 * <p>The source's {@code fetch()} runs on the fetch executor, never on the caller's thread (which may be an I/O
 * thread), so a blocking source cannot stall streams. A fetch that outlives its timeout is cancelled: the thread
 * running {@code fetch()} is interrupted and a stage it returned is cancelled, and the next request starts a new one.
 */
public final class CachedCredentials {
  private static final System.Logger LOG = System.getLogger(CachedCredentials.class.getName());

  private final CredentialSource source;
  private final Executor fetchExecutor;
  private final ScheduledExecutorService timer;
  private final Clock clock;
  private final Duration refreshAhead;
  private final Duration fetchTimeout;
  private final Redaction keys;

  private Credential current; // guarded by this
  private Credential previous; // guarded by this; the one before current, still redacted from failures
  private Instant refreshAt; // guarded by this; null: never
  private CompletableFuture<Credential> inFlight; // guarded by this

  /**
   * A cache of {@code source}.
   *
   * @param keys the keys the client knows, redacted (with the source's own earlier answers) from a failed fetch's texts
   */
  public CachedCredentials(CredentialSource source, Executor fetchExecutor, ScheduledExecutorService timer,
      Clock clock, Duration refreshAhead, Duration fetchTimeout, Redaction keys) {
    this.source = Objects.requireNonNull(source, "source");
    this.keys = keys == null ? Redaction.NONE : keys;
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
        remember(null); // expired
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

  /**
   * The provider rejected {@code credential} (an AUTHENTICATION answer): if it is still the one held, it is dropped
   * and the next request fetches a fresh one (one fetch in flight, as always).
   */
  public void rejected(Credential credential) {
    boolean dropped;
    synchronized (this) {
      dropped = current != null && current == credential;
      if (dropped) {
        remember(null);
        refreshAt = null;
      }
    }
    if (dropped) {
      LOG.log(System.Logger.Level.INFO, "the provider rejected the credential of source '" + source.name()
          + "'; the next request fetches a new one");
    }
  }

  private void launch(CompletableFuture<Credential> fetch) {
    FetchRun run = new FetchRun();
    java.util.concurrent.Future<?> deadline = timer.schedule(() -> {
      if (settle(fetch, null, new java.util.concurrent.TimeoutException("no answer within "
          + fetchTimeout.toMillis() + " ms"))) {
        run.cancel(); // the fetch is abandoned: stop it, so a hung source does not hold a credential thread
      }
    }, fetchTimeout.toNanos(), TimeUnit.NANOSECONDS);
    fetch.whenComplete((c, e) -> deadline.cancel(false));
    try {
      fetchExecutor.execute(() -> {
        if (!run.begin()) {
          return; // timed out before it started
        }
        CompletionStage<Credential> stage;
        try {
          stage = source.fetch();
        } catch (Throwable t) {
          run.end();
          settle(fetch, null, t);
          return;
        }
        run.end();
        if (stage == null) {
          settle(fetch, null, new NullPointerException("fetch() returned null"));
        } else {
          run.answered(stage);
          stage.whenComplete((c, e) -> settle(fetch, c, e));
        }
      });
    } catch (RuntimeException e) {
      settle(fetch, null, e); // the client is closing
    }
  }

  /** Settles {@code fetch}; false when it was settled before (a timeout, then the late answer). */
  private boolean settle(CompletableFuture<Credential> fetch, Credential credential, Throwable error) {
    Instant now = clock.instant();
    if (error == null && credential == null) {
      error = new NullPointerException("the source answered no credential");
    }
    if (error == null && !valid(credential, now)) {
      error = new IllegalStateException("the credential it answered expired at " + credential.expiresAt().get());
    }
    boolean stillHeld;
    Redaction redaction;
    synchronized (this) {
      if (inFlight != fetch) {
        return false;
      }
      inFlight = null;
      if (error == null) {
        remember(credential);
        refreshAt = refreshPoint(credential, now);
      }
      stillHeld = current != null && valid(current, now);
      redaction = error == null ? null : answered();
    }
    if (error == null) {
      fetch.complete(credential);
      return true;
    }
    RillException failure = failure(error, redaction);
    if (stillHeld) {
      LOG.log(System.Logger.Level.WARNING, failure.getMessage() + "; the held credential stays in use until it expires");
    }
    fetch.completeExceptionally(failure);
    return true;
  }

  /** Holds {@code credential} (null: none), keeping the one it replaces for redaction. */
  private void remember(Credential credential) {
    if (current != null) {
      previous = current;
    }
    current = credential;
  }

  /** The client's keys and the secrets of the credentials this source answered that are still remembered. */
  private Redaction answered() {
    Redaction r = keys;
    for (Credential c : new Credential[] {current, previous}) {
      if (c != null) {
        r = r.and(Redaction.of(c.secrets().toArray(new Secret[0])));
      }
    }
    return r;
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

  /** AUTHENTICATION naming the source; the source's own texts (message, cause chain) pass through {@code redaction}. */
  private RillException failure(Throwable error, Redaction redaction) {
    Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
        ? error.getCause() : error;
    return RillException.builder(ErrorKind.AUTHENTICATION)
        .message("the credential source '" + source.name() + "' failed: "
            + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()))
        .cause(cause).redact(redaction).build();
  }

  @Override
  public String toString() {
    return "CachedCredentials[" + source.name() + "]";
  }
}
