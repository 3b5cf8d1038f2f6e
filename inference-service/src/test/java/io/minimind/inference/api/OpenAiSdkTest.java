package io.minimind.inference.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK against the running service, whole and streamed. */
@QuarkusTest
@QuarkusTestResource(TinyModelResource.class)
class OpenAiSdkTest {
  @TestHTTPResource("/v1")
  URL base;

  private OpenAIClient client() {
    return OpenAIOkHttpClient.builder().baseUrl(base.toString()).apiKey("unused").maxRetries(0).build();
  }

  private static ChatCompletionCreateParams.Builder params() {
    return ChatCompletionCreateParams.builder().model("tiny").addSystemMessage("be brief")
        .addUserMessage("静夜思的作者是谁？").maxCompletionTokens(8).seed(5L).temperature(0.7);
  }

  @Test
  void wholeAndStreamedCompletionsAgree() {
    OpenAIClient client = client();
    ChatCompletion whole = client.chat().completions().create(params().build());
    assertEquals(1, whole.choices().size());
    String content = whole.choices().get(0).message().content().orElse("");
    long completionTokens = whole.usage().orElseThrow().completionTokens();
    assertTrue(completionTokens >= 1 && completionTokens <= 8, "usage " + completionTokens);

    StringBuilder streamed = new StringBuilder();
    long[] usage = {-1};
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
        params().streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
      stream.stream().forEach(chunk -> {
        chunk.choices().forEach(c -> c.delta().content().ifPresent(streamed::append));
        chunk.usage().ifPresent(u -> usage[0] = u.completionTokens());
      });
    }
    assertEquals(content, streamed.toString(), "same seed, same reply, streamed or not");
    assertEquals(completionTokens, usage[0]);
  }

  @Test
  void errorsBecomeTheSdksExceptions() {
    OpenAIClient client = client();
    assertThrows(NotFoundException.class,
        () -> client.chat().completions().create(params().model("no-such-model").build()));
    BadRequestException e = assertThrows(BadRequestException.class,
        () -> client.chat().completions().create(params().temperature(7.0).build()));
    assertTrue(e.getMessage().contains("temperature"), e.getMessage());
  }
}
