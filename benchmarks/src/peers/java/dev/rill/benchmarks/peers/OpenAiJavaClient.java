package dev.rill.benchmarks.peers;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.rill.benchmarks.BenchClient;
import java.net.URI;
import java.util.Iterator;

/** The official openai-java SDK (OkHttp transport), streaming with {@code createStreaming} on the caller's thread. */
public final class OpenAiJavaClient implements BenchClient {
  private final OpenAIClient client;
  private final ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
      .model(MODEL).addUserMessage(PROMPT).build();

  OpenAiJavaClient(URI base) {
    String url = base.toString();
    this.client = OpenAIOkHttpClient.builder().baseUrl(url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
        .apiKey(API_KEY).maxRetries(0).build();
  }

  @Override
  public String stream(Runnable firstChunk) {
    StringBuilder text = new StringBuilder(8192);
    try (StreamResponse<ChatCompletionChunk> response = client.chat().completions().createStreaming(params)) {
      Iterator<ChatCompletionChunk> it = response.stream().iterator();
      while (it.hasNext()) {
        for (ChatCompletionChunk.Choice choice : it.next().choices()) {
          choice.delta().content().ifPresent(c -> {
            if (!c.isEmpty() && text.length() == 0) {
              firstChunk.run();
            }
            text.append(c);
          });
        }
      }
    }
    return text.toString();
  }

  @Override
  public void close() {
    client.close();
  }

  /** The service entry. */
  public static final class Factory implements BenchClient.Factory {
    @Override
    public String name() {
      return "openai-java";
    }

    @Override
    public BenchClient create(URI base) {
      return new OpenAiJavaClient(base);
    }
  }
}
