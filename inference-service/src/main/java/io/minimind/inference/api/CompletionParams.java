package io.minimind.inference.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.minimind.core.serving.InvalidParameterException;
import java.util.ArrayList;
import java.util.List;

/**
 * The sampling fields of a {@code /v1/completions} request, checked, with OpenAI's defaults.
 * {@code logprobs} is -1 when the request leaves it out (no logprobs), else the number of
 * alternatives per token (0..5; 0 = only the chosen tokens' log-probabilities).
 */
record CompletionParams(double temperature, double topP, int topK, double presencePenalty,
    double frequencyPenalty, int maxTokens, int n, boolean stream, boolean includeUsage, Long seed,
    int logprobs, List<String> stop) {

  static CompletionParams read(JsonNode b) {
    if (b.path("echo").asBoolean(false)) {
      throw new InvalidParameterException("echo", "echo is not supported");
    }
    int n = integer(b, "n", 1);
    if (n < 1 || n > 8) {
      throw new InvalidParameterException("n", "n must be in [1, 8], got " + n);
    }
    int logprobs = integer(b, "logprobs", -1);
    if (b.hasNonNull("logprobs") && (logprobs < 0 || logprobs > 5)) {
      throw new InvalidParameterException("logprobs", "logprobs must be in [0, 5], got " + logprobs);
    }
    List<String> stop = new ArrayList<>();
    JsonNode s = b.get("stop");
    if (s != null && s.isTextual()) {
      stop.add(s.asText());
    } else if (s != null && s.isArray()) {
      s.forEach(x -> stop.add(x.asText()));
    }
    return new CompletionParams(number(b, "temperature", 1.0), number(b, "top_p", 1.0),
        integer(b, "top_k", 0), number(b, "presence_penalty", 0), number(b, "frequency_penalty", 0),
        integer(b, "max_tokens", 16), n, b.path("stream").asBoolean(false),
        b.path("stream_options").path("include_usage").asBoolean(false),
        b.hasNonNull("seed") ? b.get("seed").asLong() : null, logprobs, stop);
  }

  /** Whether the response carries logprobs. */
  boolean wantsLogprobs() {
    return logprobs >= 0;
  }

  private static double number(JsonNode b, String name, double fallback) {
    JsonNode v = b.get(name);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isNumber()) {
      throw new InvalidParameterException(name, name + " must be a number, got " + v);
    }
    return v.asDouble();
  }

  private static int integer(JsonNode b, String name, int fallback) {
    JsonNode v = b.get(name);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new InvalidParameterException(name, name + " must be an integer, got " + v);
    }
    return v.asInt();
  }
}
