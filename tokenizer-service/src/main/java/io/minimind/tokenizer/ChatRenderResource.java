package io.minimind.tokenizer;

import io.minimind.core.tokenizer.MiniMindTokenizer;
import io.minimind.templates.ChatTemplateException;
import io.minimind.templates.HfChatTemplate;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders a conversation with the tokenizer's chat template, exactly as transformers'
 * {@code apply_chat_template} would, and tokenizes the result.
 */
@Path("/v1/chat")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ChatRenderResource {
  private final TokenizerRegistry registry;
  private final TokenizerSettings settings;
  private final Map<String, HfChatTemplate> templates = new ConcurrentHashMap<>();

  public ChatRenderResource(TokenizerRegistry registry, TokenizerSettings settings) {
    this.registry = registry;
    this.settings = settings;
  }

  /**
   * @param messages HF-style message objects (role, content, tool_calls, reasoning_content, …)
   * @param tools tool (function) definitions, or null
   * @param chatTemplateKwargs extra template variables, e.g. {@code {"enable_thinking": false}}
   */
  public record RenderRequest(String tokenizer, List<Map<String, Object>> messages,
      List<Map<String, Object>> tools, Boolean addGenerationPrompt, Boolean enableThinking,
      Map<String, Object> chatTemplateKwargs) {}

  public record RenderResponse(String tokenizer, String text, List<Integer> ids, int count) {}

  @POST
  @Path("/render")
  public RenderResponse render(RenderRequest r) {
    if (r == null || r.messages() == null || r.messages().isEmpty()) {
      throw new InvalidRequestException("messages must be a non-empty list");
    }
    for (int i = 0; i < r.messages().size(); i++) {
      Map<String, Object> m = r.messages().get(i);
      if (m == null || !(m.get("role") instanceof String)) {
        throw new InvalidRequestException("messages[" + i + "].role must be a string");
      }
    }
    String id = TokenizeResource.idOf(r.tokenizer());
    MiniMindTokenizer tok = registry.get(r.tokenizer());
    HfChatTemplate template = templates.computeIfAbsent(id, k -> compile(k, tok));
    Map<String, Object> vars = new HashMap<>();
    if (r.chatTemplateKwargs() != null) {
      vars.putAll(r.chatTemplateKwargs());
    }
    vars.put("messages", r.messages());
    if (r.tools() != null) {
      vars.put("tools", r.tools());
    }
    vars.put("add_generation_prompt", Boolean.TRUE.equals(r.addGenerationPrompt()));
    if (r.enableThinking() != null) {
      vars.put("enable_thinking", r.enableThinking());
    }
    String text;
    try {
      text = withTemplateClassLoader(() -> template.render(vars));
    } catch (ChatTemplateException e) {
      throw new InvalidRequestException("chat template of '" + id + "' failed: " + e.getMessage());
    }
    TokenizeResource.checkText(text, settings.maxTextBytes());
    int[] ids = tok.encode(text);
    return new RenderResponse(id, text, java.util.Arrays.stream(ids).boxed().toList(), ids.length);
  }

  private static HfChatTemplate compile(String id, MiniMindTokenizer tok) {
    if (tok.chatTemplate() == null) {
      throw new InvalidRequestException("tokenizer '" + id + "' has no chat_template");
    }
    return withTemplateClassLoader(() -> HfChatTemplate.compile(tok.chatTemplate()));
  }

  /**
   * Jinjava's expression engine instantiates its parser reflectively through the thread's context
   * class loader; under Quarkus that may be a different loader than Jinjava's own (seen as
   * "Cannot cast ExtendedSyntaxBuilder to TreeBuilder"). Run template work with Jinjava's loader.
   */
  private static <T> T withTemplateClassLoader(java.util.function.Supplier<T> work) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(HfChatTemplate.class.getClassLoader());
    try {
      return work.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
