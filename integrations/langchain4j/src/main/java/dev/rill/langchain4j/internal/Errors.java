package dev.rill.langchain4j.internal;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.rill.api.RillException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Maps a {@link RillException} to the LangChain4j exception its users catch, the {@code RillException} kept as the
 * cause (its kind, HTTP status, provider code, {@code Retry-After} and partial response stay reachable). The table
 * follows LangChain4j's own status mapping ({@code ExceptionMapper.DefaultExceptionMapper}).
 */
public final class Errors {
  private Errors() {}

  /** The exception to hand a LangChain4j caller for {@code error}, unwrapping completion wrappers. */
  public static RuntimeException map(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    if (!(t instanceof RillException e)) {
      return t instanceof RuntimeException re ? re : new LangChain4jException(t);
    }
    String message = e.getMessage();
    return switch (e.kind()) {
      case AUTHENTICATION, PERMISSION -> new AuthenticationException(message, e);
      case NOT_FOUND -> new ModelNotFoundException(message, e);
      case INVALID_REQUEST, CONTEXT_LENGTH_EXCEEDED, REQUEST_TOO_LARGE, CONFLICT -> new InvalidRequestException(message, e);
      case CONTENT_FILTERED -> new ContentFilteredException(message, e);
      case RATE_LIMITED -> new RateLimitException(message, e);
      // A 429 that retrying cannot cure (the account's quota): not a RateLimitException, which is retriable.
      case QUOTA_EXHAUSTED -> new NonRetriableException(message, e);
      case OVERLOADED, SERVER -> new InternalServerException(message, e);
      case TIMEOUT -> new TimeoutException(message, e);
      case TRANSPORT -> new RetriableException(message, e);
      case STREAM_INTERRUPTED, TRUNCATED, MALFORMED_RESPONSE, CANCELLED, LIMIT_EXCEEDED, INTERNAL ->
          new LangChain4jException(message, e);
    };
  }
}
