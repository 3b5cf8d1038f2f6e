package io.minimind.inference.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minimind.core.serving.TokenChoice;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import io.minimind.inference.chat.ReplyParser;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** OpenAI's JSON shapes for chat completions: whole responses, stream chunks, logprobs, usage. */
final class ChatJson {
  private final ObjectMapper json;

  ChatJson(ObjectMapper json) {
    this.json = json;
  }

  /** {@code {id, object, created, model, choices: [], ...}} with the given object type. */
  ObjectNode envelope(String id, String object, long created, String model) {
    ObjectNode o = json.createObjectNode();
    o.put("id", id);
    o.put("object", object);
    o.put("created", created);
    o.put("model", model);
    o.putArray("choices");
    return o;
  }

  /** The message of a whole response: content, reasoning (both field names), tool calls. */
  ObjectNode message(List<ReplyParser.Part> parts, String idPrefix) {
    StringBuilder content = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    ObjectNode msg = json.createObjectNode();
    msg.put("role", "assistant");
    ArrayNode calls = json.createArrayNode();
    for (ReplyParser.Part p : parts) {
      if (p instanceof ReplyParser.Content c) {
        content.append(c.text());
      } else if (p instanceof ReplyParser.Reasoning r) {
        reasoning.append(r.text());
      } else if (p instanceof ReplyParser.ToolCall t) {
        calls.add(toolCall(t, idPrefix + calls.size(), -1));
      }
    }
    String text = content.toString();
    if (calls.isEmpty() || !text.isBlank()) {
      msg.put("content", text);
    } else {
      msg.putNull("content");
    }
    if (reasoning.length() > 0) {
      msg.put("reasoning_content", reasoning.toString()); // MiniMind and older clients
      msg.put("reasoning", reasoning.toString()); // current vLLM
    }
    if (!calls.isEmpty()) {
      msg.set("tool_calls", calls);
    }
    return msg;
  }

  /** A stream delta for one part; {@code toolIndex} numbers this choice's tool calls. */
  ObjectNode delta(ReplyParser.Part p, String toolId, int toolIndex) {
    ObjectNode d = json.createObjectNode();
    if (p instanceof ReplyParser.Content c) {
      d.put("content", c.text());
    } else if (p instanceof ReplyParser.Reasoning r) {
      d.put("reasoning_content", r.text());
      d.put("reasoning", r.text());
    } else if (p instanceof ReplyParser.ToolCall t) {
      d.putArray("tool_calls").add(toolCall(t, toolId, toolIndex));
    }
    return d;
  }

  private ObjectNode toolCall(ReplyParser.ToolCall t, String id, int index) {
    ObjectNode c = json.createObjectNode();
    if (index >= 0) {
      c.put("index", index);
    }
    c.put("id", id);
    c.put("type", "function");
    ObjectNode f = c.putObject("function");
    f.put("name", t.name());
    f.put("arguments", t.argumentsJson());
    return c;
  }

  /** {@code {"content": [{token, logprob, bytes, top_logprobs}]}} */
  ObjectNode logprobs(List<TokenChoice> tokens, MiniMindTokenizer tok) {
    ObjectNode lp = json.createObjectNode();
    ArrayNode content = lp.putArray("content");
    for (TokenChoice t : tokens) {
      ObjectNode e = entry(tok, t.token(), t.logprob());
      ArrayNode top = e.putArray("top_logprobs");
      for (int i = 0; i < t.topIds().length; i++) {
        top.add(entry(tok, t.topIds()[i], t.topLogprobs()[i]));
      }
      content.add(e);
    }
    return lp;
  }

  /**
   * The legacy completions shape: {@code {tokens, token_logprobs, top_logprobs: [{text: logprob}],
   * text_offset}}. Offsets count characters of the completion text from {@code textOffset} (the
   * characters already sent on this choice when streaming; 0 for a whole response), as the sum of
   * each token's own decoded text. Alternatives that decode to the same text keep the likelier one.
   */
  ObjectNode legacyLogprobs(List<TokenChoice> tokens, MiniMindTokenizer tok, int textOffset) {
    ObjectNode lp = json.createObjectNode();
    ArrayNode texts = lp.putArray("tokens");
    ArrayNode logprobs = lp.putArray("token_logprobs");
    ArrayNode tops = lp.putArray("top_logprobs");
    ArrayNode offsets = lp.putArray("text_offset");
    int offset = textOffset;
    for (TokenChoice t : tokens) {
      String text = tok.decode(new int[] {t.token()}, false);
      texts.add(text);
      logprobs.add(t.logprob());
      ObjectNode top = tops.addObject();
      for (int i = 0; i < t.topIds().length; i++) {
        String alt = tok.decode(new int[] {t.topIds()[i]}, false);
        if (!top.has(alt)) {
          top.put(alt, t.topLogprobs()[i]);
        }
      }
      offsets.add(offset);
      offset += text.length();
    }
    return lp;
  }

  /** Characters a legacy logprobs object's tokens cover (where the next chunk's offsets start). */
  static int legacyTextLength(ObjectNode legacy) {
    int n = 0;
    for (com.fasterxml.jackson.databind.JsonNode t : legacy.path("tokens")) {
      n += t.asText().length();
    }
    return n;
  }

  private ObjectNode entry(MiniMindTokenizer tok, int id, float logprob) {
    String text = tok.decode(new int[] {id}, false);
    ObjectNode e = json.createObjectNode();
    e.put("token", text);
    e.put("logprob", logprob);
    ArrayNode bytes = e.putArray("bytes");
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      bytes.add(b & 0xff);
    }
    return e;
  }

  ObjectNode usage(int prompt, int completion) {
    ObjectNode u = json.createObjectNode();
    u.put("prompt_tokens", prompt);
    u.put("completion_tokens", completion);
    u.put("total_tokens", prompt + completion);
    return u;
  }

  String write(ObjectNode node) {
    try {
      return json.writeValueAsString(node);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
