package io.minimind.inference.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import io.minimind.inference.chat.ChoiceRun;
import io.minimind.inference.chat.ReplyParser;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A streamed chat completion as server-sent events in OpenAI's format: a first chunk per choice
 * with the role, content / reasoning / tool-call deltas as they are generated, a chunk with the
 * finish reason per choice, with {@code stream_options.include_usage} a last chunk with usage
 * and empty choices, then {@code data: [DONE]}. The batcher thread only enqueues; this writer
 * thread writes and flushes. If the client goes away, every choice is cancelled. A
 * {@link ChunkFormat} shapes the chunks, so {@code /v1/completions} streams the same way.
 */
final class ChatStream implements StreamingOutput {
  private static final String DONE = "[DONE]";

  /** Where the batcher hands a choice's new parts and logprobs. */
  interface PartSink {
    void accept(int choice, ChoiceRun.Delta delta);
  }

  private final ChatJson shapes;
  private final MiniMindTokenizer tokenizer;
  private final String id;
  private final long created;
  private final String model;
  private final boolean includeUsage;
  private final ChunkFormat format;
  private final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
  private final int[] toolCalls;
  /** Per choice: completion characters the legacy logprobs so far covered (their next offset). */
  private final int[] textOffsets;
  private List<ChoiceRun> runs = List.of();

  /** @param format chat deltas ({@code /v1/chat/completions}) or texts ({@code /v1/completions}) */
  ChatStream(ChatJson shapes, MiniMindTokenizer tokenizer, ChunkFormat format, String id, long created,
      String model, boolean includeUsage, int n) {
    this.shapes = shapes;
    this.tokenizer = tokenizer;
    this.format = format;
    this.id = id;
    this.created = created;
    this.model = model;
    this.includeUsage = includeUsage;
    this.toolCalls = new int[n];
    this.textOffsets = new int[n];
    for (int i = 0; i < n && format.opensWithRole(); i++) {
      ObjectNode delta = shapes.delta(new ReplyParser.Content(""), null, 0);
      delta.put("role", "assistant");
      events.add(chunk(i, delta, null, null));
    }
  }

  /**
   * Called from the batcher thread. The delta's logprobs ride on its first chunk (OpenAI sends a
   * token's entry with the chunk holding its text); logprobs with no part after them (the tokens
   * of a stop string, say) get a chunk with empty content.
   */
  void parts(int choice, ChoiceRun.Delta d) {
    List<ReplyParser.Part> parts = d.parts().isEmpty() ? List.of(new ReplyParser.Content("")) : d.parts();
    ObjectNode logprobs = null;
    if (!d.logprobs().isEmpty()) {
      logprobs = format.logprobs(shapes, d.logprobs(), tokenizer, textOffsets[choice]);
      textOffsets[choice] += ChatJson.legacyTextLength(logprobs); // 0 for chat's shape
    }
    for (ReplyParser.Part p : parts) {
      int toolIndex = p instanceof ReplyParser.ToolCall ? toolCalls[choice]++ : 0;
      String toolId = "call_" + id.substring(9, 17) + "_" + choice + "_" + toolIndex;
      events.add(chunk(choice, shapes.delta(p, toolId, toolIndex), null, logprobs));
      logprobs = null;
    }
  }

  /** Arranges the finish chunks, the usage chunk and [DONE] once every choice ended. */
  void attach(List<ChoiceRun> choiceRuns) {
    this.runs = choiceRuns;
    AtomicInteger left = new AtomicInteger(choiceRuns.size());
    int[] completion = new int[1];
    int[] prompt = new int[1];
    for (int i = 0; i < choiceRuns.size(); i++) {
      int index = i;
      choiceRuns.get(i).done().whenComplete((o, error) -> {
        synchronized (this) {
          if (error != null) {
            events.add(errorEvent(error));
          } else {
            events.add(chunk(index, shapes.delta(new ReplyParser.Content(""), null, 0)
                .without("content"), o.finishReason(), null));
            prompt[0] = o.promptTokens();
            completion[0] += o.completionTokens();
          }
          if (left.decrementAndGet() == 0) {
            if (includeUsage) {
              ObjectNode u = shapes.envelope(id, format.object(), created, model);
              u.set("usage", shapes.usage(prompt[0], completion[0]));
              events.add(shapes.write(u));
            }
            events.add(DONE);
          }
        }
      });
    }
  }

  @Override
  public void write(OutputStream out) throws IOException {
    try {
      while (true) {
        String event = events.poll(30, TimeUnit.SECONDS);
        if (event == null) {
          continue; // a long prefill; the batcher's request timeout bounds the wait
        }
        out.write(("data: " + event + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        if (DONE.equals(event)) {
          return;
        }
      }
    } catch (IOException e) {
      runs.forEach(ChoiceRun::clientGone);
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      runs.forEach(ChoiceRun::clientGone);
    }
  }

  private String chunk(int choice, ObjectNode delta, String finishReason, ObjectNode logprobs) {
    ObjectNode o = shapes.envelope(id, format.object(), created, model);
    ObjectNode c = ((com.fasterxml.jackson.databind.node.ArrayNode) o.get("choices")).addObject();
    c.put("index", choice);
    format.putBody(c, delta);
    if (logprobs == null) {
      c.putNull("logprobs");
    } else {
      c.set("logprobs", logprobs);
    }
    if (finishReason == null) {
      c.putNull("finish_reason");
    } else {
      c.put("finish_reason", finishReason);
    }
    return shapes.write(o);
  }

  private String errorEvent(Throwable error) {
    ObjectNode o = shapes.envelope(id, "error", created, model);
    o.remove("choices");
    ObjectNode e = o.putObject("error");
    e.put("message", String.valueOf(error.getMessage()));
    e.put("type", "server_error");
    return shapes.write(o);
  }
}
