package io.minimind.inference.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minimind.core.serving.InvalidParameterException;
import io.minimind.core.serving.SamplingParams;
import io.minimind.inference.chat.ChoiceAssembler;
import io.minimind.inference.chat.ChoiceRun;
import io.minimind.inference.chat.ReplyParser;
import io.minimind.inference.model.ModelRegistry;
import io.minimind.inference.model.ServedModel;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code POST /v1/completions}: OpenAI's legacy text completion — a prompt as text or token ids,
 * continued without a chat template. Sampling fields as in chat; {@code logprobs} is an integer
 * here (0..5 alternatives) and answered in the legacy shape ({@link ChatJson#legacyLogprobs}), as
 * in OpenAI's API; {@code max_tokens} defaults to 16, as there.
 */
@Path("/v1/completions")
public class CompletionsResource {
  private final ModelRegistry registry;
  private final ServingMetrics metrics;
  private final ChatJson shapes;
  private final ObjectMapper json;

  public CompletionsResource(ModelRegistry registry, ObjectMapper json, ServingMetrics metrics) {
    this.registry = registry;
    this.metrics = metrics;
    this.json = json;
    this.shapes = new ChatJson(json);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Blocking
  public Response create(JsonNode body, @Context HttpServerRequest http) {
    if (body == null || !body.isObject()) {
      throw new InvalidParameterException("body", "the request body must be a JSON object");
    }
    if (!body.path("model").isTextual()) {
      throw new InvalidParameterException("model", "model is required");
    }
    ServedModel model = registry.get(body.get("model").asText());
    int[] prompt = prompt(body.get("prompt"), model);
    CompletionParams p = CompletionParams.read(body);
    String id = "cmpl-" + UUID.randomUUID().toString().replace("-", "");
    long created = System.currentTimeMillis() / 1000;
    ChatStream stream = p.stream() ? new ChatStream(shapes, model.tokenizer(), ChunkFormat.TEXT, id,
        created, model.name(), p.includeUsage(), p.n()) : null;
    List<ChoiceRun> runs = start(model, prompt, p, stream);
    metrics.track(model, runs);
    ClientDisconnect.cancelOnClose(http.response(), runs);
    if (stream != null) {
      stream.attach(runs);
      return Response.ok(stream).type("text/event-stream").header("Cache-Control", "no-cache").build();
    }
    ObjectNode out = shapes.envelope(id, "text_completion", created, model.name());
    ArrayNode choices = (ArrayNode) out.get("choices");
    int completion = 0;
    for (int i = 0; i < runs.size(); i++) {
      ChoiceRun.Outcome o = Waiting.await(runs.get(i).done());
      StringBuilder text = new StringBuilder();
      for (ReplyParser.Part part : runs.get(i).collected()) {
        text.append(((ReplyParser.Content) part).text());
      }
      ObjectNode c = choices.addObject();
      c.put("index", i);
      c.put("text", text.toString());
      if (p.wantsLogprobs()) {
        c.set("logprobs", shapes.legacyLogprobs(runs.get(i).assembler().logprobs(), model.tokenizer(), 0));
      } else {
        c.putNull("logprobs");
      }
      c.put("finish_reason", o.finishReason());
      completion += o.completionTokens();
    }
    out.set("usage", shapes.usage(prompt.length, completion));
    return Response.ok(shapes.write(out)).type(MediaType.APPLICATION_JSON).build();
  }

  private List<ChoiceRun> start(ServedModel model, int[] prompt, CompletionParams p, ChatStream stream) {
    long seed = p.seed() != null ? p.seed() : ThreadLocalRandom.current().nextLong();
    return ChoiceLauncher.submit(model.batcher(), prompt, p.n(),
        i -> new SamplingParams(p.temperature(), p.topP(), p.topK(), 1.0, p.presencePenalty(),
            p.frequencyPenalty(), p.maxTokens(), new int[] {model.tokenizer().eosId()}, seed + i,
            p.wantsLogprobs(), Math.max(0, p.logprobs())),
        i -> ChoiceAssembler.plainText(model.tokenizer(), p.stop()),
        stream == null ? null : stream::parts);
  }

  /** A string prompt is tokenized as is (no template); an array of ids is used directly. */
  private static int[] prompt(JsonNode node, ServedModel model) {
    if (node != null && node.isTextual()) {
      return model.tokenizer().encode(node.asText());
    }
    if (node != null && node.isArray() && !node.isEmpty() && node.get(0).isIntegralNumber()) {
      int[] ids = new int[node.size()];
      for (int i = 0; i < ids.length; i++) {
        int id = node.get(i).asInt(-1);
        if (!node.get(i).isIntegralNumber() || id < 0 || id >= model.tokenizer().vocabSize()) {
          throw new InvalidParameterException("prompt", "prompt[" + i + "] is not a token id of this model: "
              + node.get(i));
        }
        ids[i] = id;
      }
      return ids;
    }
    throw new InvalidParameterException("prompt", "prompt must be a string or an array of token ids "
        + "(one prompt per request)");
  }
}
