package dev.rill.benchmarks.peers;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.rill.benchmarks.BenchClient;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/** LangChain4j's {@code OpenAiStreamingChatModel} (its default JDK HTTP client), callbacks into a builder. */
public final class LangChain4jClient implements BenchClient {
  private final OpenAiStreamingChatModel model;

  LangChain4jClient(URI base) {
    this.model = OpenAiStreamingChatModel.builder().baseUrl(base.toString()).apiKey(API_KEY).modelName(MODEL)
        .build();
  }

  @Override
  public String stream(Runnable firstChunk) throws Exception {
    StringBuilder text = new StringBuilder(8192);
    CompletableFuture<String> done = new CompletableFuture<>();
    model.chat(PROMPT, new StreamingChatResponseHandler() {
      @Override
      public void onPartialResponse(String partial) {
        if (!partial.isEmpty() && text.length() == 0) {
          firstChunk.run();
        }
        text.append(partial);
      }

      @Override
      public void onCompleteResponse(ChatResponse response) {
        done.complete(text.toString());
      }

      @Override
      public void onError(Throwable error) {
        done.completeExceptionally(error);
      }
    });
    return done.get();
  }

  @Override
  public void close() {
    // nothing to close: the model shares LangChain4j's HTTP client
  }

  /** The service entry. */
  public static final class Factory implements BenchClient.Factory {
    @Override
    public String name() {
      return "langchain4j";
    }

    @Override
    public BenchClient create(URI base) {
      return new LangChain4jClient(base);
    }
  }
}
