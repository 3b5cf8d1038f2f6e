package io.minimind.inference.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minimind.core.serving.InvalidParameterException;
import io.minimind.core.serving.SamplingParams;
import io.minimind.inference.chat.ChatPrompt;
import io.minimind.inference.chat.ChatRequest;
import io.minimind.inference.chat.ChatRequestReader;
import io.minimind.inference.chat.ChoiceAssembler;
import io.minimind.inference.chat.ChoiceRun;
import io.minimind.inference.chat.ToolCallJsonParser;
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

/** {@code POST /v1/chat/completions}: OpenAI's chat API, whole or streamed, on the continuous batcher. */
@Path("/v1/chat/completions")
public class ChatCompletionsResource {
  private final ModelRegistry registry;
  private final ServingMetrics metrics;
  private final ObjectMapper json;
  private final ChatRequestReader reader;
  private final ChatJson shapes;
  private final ToolCallJsonParser toolJson;

  public ChatCompletionsResource(ModelRegistry registry, ObjectMapper json, ServingMetrics metrics) {
    this.registry = registry;
    this.metrics = metrics;
    this.json = json;
    this.reader = new ChatRequestReader(json);
    this.shapes = new ChatJson(json);
    this.toolJson = new ToolCallJsonParser(json);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Blocking
  public Response create(JsonNode body, @Context HttpServerRequest http) {
    ChatRequest request = reader.read(body);
    ServedModel model = registry.get(request.model());
    ChatPrompt prompt = ChatPrompt.render(model, request);
    String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
    long created = System.currentTimeMillis() / 1000;
    if (request.stream()) {
      ChatStream stream = new ChatStream(shapes, model.tokenizer(), ChunkFormat.CHAT, id, created,
          model.name(), request.includeUsage(), request.n());
      List<ChoiceRun> runs = start(model, request, prompt, stream::parts);
      metrics.track(model, runs);
      ClientDisconnect.cancelOnClose(http.response(), runs);
      stream.attach(runs);
      return Response.ok(stream).type("text/event-stream").header("Cache-Control", "no-cache").build();
    }
    List<ChoiceRun> runs = start(model, request, prompt, null);
    metrics.track(model, runs);
    ClientDisconnect.cancelOnClose(http.response(), runs);
    return Response.ok(whole(id, created, model, runs)).type(MediaType.APPLICATION_JSON).build();
  }

  /** Submits the request's n choices (choice i samples with seed + i). */
  private List<ChoiceRun> start(ServedModel model, ChatRequest r, ChatPrompt prompt,
      ChatStream.PartSink streamSink) {
    int room = Math.min(model.contextLength(), Integer.MAX_VALUE) - prompt.ids().length;
    if (room < 1) {
      throw new InvalidParameterException("messages", "the prompt has " + prompt.ids().length
          + " tokens; the model's context is " + model.contextLength());
    }
    int maxTokens = r.maxTokens() != null ? r.maxTokens() : room;
    long seed = r.seed() != null ? r.seed() : ThreadLocalRandom.current().nextLong();
    ChatRequest.Sampling s = r.sampling();
    return ChoiceLauncher.submit(model.batcher(), prompt.ids(), r.n(),
        i -> new SamplingParams(s.temperature(), s.topP(), s.topK(), s.repetitionPenalty(),
            s.presencePenalty(), s.frequencyPenalty(), maxTokens, new int[] {model.tokenizer().eosId()},
            seed + i, s.logprobs(), s.topLogprobs()),
        i -> ChoiceAssembler.chat(model.tokenizer(), r.stop(), prompt, r.toolChoice(), toolJson),
        streamSink);
  }

  private String whole(String id, long created, ServedModel model, List<ChoiceRun> runs) {
    ObjectNode out = shapes.envelope(id, "chat.completion", created, model.name());
    ArrayNode choices = (ArrayNode) out.get("choices");
    int prompt = 0;
    int completion = 0;
    for (int i = 0; i < runs.size(); i++) {
      ChoiceRun run = runs.get(i);
      ChoiceRun.Outcome o = Waiting.await(run.done());
      ObjectNode c = choices.addObject();
      c.put("index", i);
      c.set("message", shapes.message(run.collected(), "call_" + id.substring(9, 17) + "_" + i + "_"));
      if (!run.assembler().logprobs().isEmpty()) {
        c.set("logprobs", shapes.logprobs(run.assembler().logprobs(), model.tokenizer()));
      } else {
        c.putNull("logprobs");
      }
      c.put("finish_reason", o.finishReason());
      prompt = o.promptTokens();
      completion += o.completionTokens();
    }
    out.set("usage", shapes.usage(prompt, completion));
    return shapes.write(out);
  }
}
